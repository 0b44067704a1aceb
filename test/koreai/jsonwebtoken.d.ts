/**
 * The few functions the tests use from `jsonwebtoken` (present as a dependency of n8n-core's
 * dependencies, without bundled types). It is an independent RFC 7519 implementation to check
 * the node's own signer against; node and credential code never import it.
 */
declare module 'jsonwebtoken' {
	interface VerifyOptions {
		algorithms?: string[];
		clockTolerance?: number;
	}
	interface SignOptions {
		algorithm?: string;
		noTimestamp?: boolean;
	}
	export function verify(token: string, secret: string | Buffer, options?: VerifyOptions): Record<string, unknown>;
	export function sign(payload: object, secret: string | Buffer, options?: SignOptions): string;
	const jwt: { verify: typeof verify; sign: typeof sign };
	export default jwt;
}
