/**
 * In-memory stand-in for n8n's server-side CredentialsHelper (packages/cli/src/credentials-helper.ts).
 *
 * It mirrors the server where node behaviour depends on it: generic and function `authenticate`,
 * and `preAuthentication` for credentials with a hidden `expirable` property (run when that
 * property is empty or after a 401, result persisted so later requests and runs reuse it).
 * Credential data lives in a plain record keyed by credential type name; that record is the
 * "database" and is mutated in place.
 */
import { Credentials } from 'n8n-core';
import { type CredentialInformation, type ICredentialDataDecryptedObject, ICredentialsHelper, type ICredentialType, type IHttpRequestHelper, type IHttpRequestOptions, type INode, type INodeCredentialsDetails, type INodeProperties, type IRequestOptionsSimplified, isExpression, UnexpectedError, type Workflow } from 'n8n-workflow';

export type CredentialStore = Record<string, ICredentialDataDecryptedObject>;

export class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times `preAuthentication` actually ran, per credential type. */
	readonly preAuthenticationCalls: Record<string, number> = {};

	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		readonly store: CredentialStore,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	private getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new UnexpectedError(
				`Credential type "${typeName}" was not passed to runNode({ credentialTypes })`,
			);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		// Parents may be n8n built-ins (oAuth2Api) that the test did not register: list them anyway,
		// n8n-core only uses the names to pick the OAuth code path.
		const direct = this.types.get(typeName)?.extends ?? [];
		return direct.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		return this.getType(typeName).properties;
	}

	/**
	 * A fresh copy per call, like the server decrypting from the DB, with property defaults
	 * filled in (the server does that via NodeHelpers.getNodeParameters), so an omitted hidden
	 * `sessionToken` reads as '' and triggers preAuthentication. Expressions are not resolved.
	 */
	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.types.get(typeName)?.properties ?? []) {
			if (property.default !== undefined) {
				data[property.name] = property.default as CredentialInformation;
			}
		}
		return { ...data, ...structuredClone(this.store[typeName] ?? {}) };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, typeName: string) {
		const credentials = new Credentials(
			{ id: nodeCredentials.id, name: nodeCredentials.name },
			typeName,
		);
		credentials.setData(this.store[typeName] ?? {});
		return credentials;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[typeName] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[typeName] = { ...this.store[typeName], ...data };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new UnexpectedError('Generic credential authentication needs workflow and node');
			}
			const resolve = (value: string): string => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			// Same shape as the server: properties = { headers|qs|body|auth: { key: value } }.
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		this.preAuthenticationCalls[typeName] = (this.preAuthenticationCalls[typeName] ?? 0) + 1;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		// The server only persists when the hook actually returned the expirable property.
		if (output[expirable.name] === undefined) return undefined;

		const nodeCredentials = node.credentials?.[typeName] ?? { id: null, name: typeName };
		await this.updateCredentials(nodeCredentials, typeName, {
			...this.store[typeName],
			...output,
		});
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.getType(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}
}
