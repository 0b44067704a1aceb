/**
 * Genesys Context Services / UCS behind GMS at `/genesys/1/cs`: query interactions by id, by
 * customer and by service (arrays of interaction resources) and fetch their content. GMS in front
 * asks for HTTP Basic (switch `genesysBasicAuth`, default on); Context Services itself needs the
 * tenancy header `ContactCenterId` (missing or wrong → 400 "Invalid tenant specified"). Errors
 * are `{ message, exception }`.
 */
import { parseBasicAuth } from '../http.mjs';
import { fileSource } from '../media.mjs';

const BASE = '/genesys/1/cs';
const CONTENT_PARTS = ['plain_text', 'structured_text', 'binary_content'];

export function createGenesys({ data, options }) {
	const { credentials } = data;
	const error = (message, exception) => ({ message, exception: `com.genesyslab.gsg.services.cs.${exception}` });
	const fail = (reply, status, message, exception, headers) => reply.json(status, error(message, exception), headers);

	/** GMS basic auth, then the tenancy header: false after answering. */
	function guard({ req, reply }) {
		if (options.genesysBasicAuth) {
			const basic = parseBasicAuth(req.headers.authorization);
			if (!basic || basic.user !== credentials.username || basic.password !== credentials.password) {
				fail(reply, 401, 'Unauthorized', 'AuthenticationException', { 'WWW-Authenticate': 'Basic realm="GMS"' });
				return false;
			}
		}
		if (req.headers.contactcenterid !== credentials.contactCenterId) {
			fail(reply, 400, 'Invalid tenant specified', 'InvalidTenantException');
			return false;
		}
		return true;
	}

	const guarded = (handler) => (r) => (guard(r) ? handler(r) : undefined);

	function byInteraction({ reply, params }) {
		const x = data.byId.get(params.id);
		if (!x) return fail(reply, 404, `Interaction ${params.id} not found`, 'NotFoundException');
		return reply.json(200, [x.resource]);
	}

	function byCustomer({ reply, params }) {
		if (!data.customers.some((c) => c.customerId === params.id)) {
			return fail(reply, 404, `Customer ${params.id} not found`, 'NotFoundException');
		}
		return reply.json(200, data.interactions.filter((x) => x.customerId === params.id).map((x) => x.resource));
	}

	function byService({ reply, params }) {
		if (!data.services.some((s) => s.serviceId === params.id)) {
			return fail(reply, 404, `Service ${params.id} not found`, 'NotFoundException');
		}
		return reply.json(200, data.interactions.filter((x) => x.serviceId === params.id).map((x) => x.resource));
	}

	/**
	 * Context Services' metadata query (the Business Attributes of the tenant): cheap, read-only
	 * and behind the same checks, so clients use it to test a credential.
	 */
	function businessAttributes({ reply }) {
		return reply.json(200, [
			{ id: 101, name: 'ServiceType', displayName: 'Service type', values: [{ name: 'Support' }, { name: 'Sales' }] },
			{ id: 102, name: 'CustomerSegment', displayName: 'Customer segment', values: [{ name: 'Gold' }, { name: 'Standard' }] },
		]);
	}

	function content({ reply, params }) {
		const x = data.byId.get(params.id);
		if (!x) return fail(reply, 404, `Interaction ${params.id} not found`, 'NotFoundException');
		const file = x.contents[params.part];
		if (!file) return fail(reply, 404, `Interaction ${params.id} has no ${params.part}`, 'NotFoundException');
		return reply.file(fileSource(file), file.contentType);
	}

	return {
		routes: [
			{ method: 'GET', path: new RegExp(`^${BASE}/interactions/(?<id>[^/]+)$`), name: 'interaction', handle: guarded(byInteraction) },
			{
				method: 'GET',
				path: new RegExp(`^${BASE}/interactions/(?<id>[^/]+)/(?<part>${CONTENT_PARTS.join('|')})$`),
				name: 'content',
				handle: guarded(content),
			},
			{ method: 'GET', path: new RegExp(`^${BASE}/metadata/business-attributes$`), name: 'businessAttributes', handle: guarded(businessAttributes) },
			{ method: 'GET', path: new RegExp(`^${BASE}/customers/(?<id>[^/]+)/interactions$`), name: 'customerInteractions', handle: guarded(byCustomer) },
			{ method: 'GET', path: new RegExp(`^${BASE}/services/(?<id>[^/]+)/interactions$`), name: 'serviceInteractions', handle: guarded(byService) },
		],
		errorBody: (status, message) => error(message, status >= 500 ? 'InternalErrorException' : 'RequestException'),
	};
}
