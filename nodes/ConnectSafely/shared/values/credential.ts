// The credential the nodes use, and where its key may go.
/** The credential type the nodes use (credentials/ConnectSafelyOutreachApi.credentials.ts declares it). */
export const CREDENTIAL_TYPE = 'connectSafelyOutreachApi';

/** How messages name it, as the editor shows it. */
export const THE_CREDENTIAL = 'the "ConnectSafely Outreach API" credential';

/** The credential's Base URL as requests use it. */
export interface ApiBase {
	/** Origin and path, no trailing slash: what requests go to. */
	url: string;
	/** The same without user:password, for messages. */
	shown: string;
	origin: string;
}

export interface BaseUrlProblem {
	problem: string;
	hint: string;
}

/** The key travels only over https, or over plain http to this machine (the rule the credential's test and header apply too). */
export const HTTPS = /^https:\/\//i;
export const LOOPBACK_HTTP =
	/^http:\/\/(?:[^@/?#]*@)?(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d*)?(?:[/?#]|$)/i;

/** The same rule as an n8n expression over `value` (an expression giving the Base URL as text). */
export function keySafeExpression(value: string): string {
	return `(${HTTPS}.test(${value}) || ${LOOPBACK_HTTP}.test(${value}))`;
}

const FIX = `Set Base URL in ${THE_CREDENTIAL} to https://api.connectsafely.ai/linkedin (the default).`;

/** The credential's Base URL, checked: https (or http to this machine), no query, no fragment. */
export function parseBaseUrl(value: unknown): ApiBase | BaseUrlProblem {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^https?:\/\//i.test(text)) {
		return {
			problem:
				text === ''
					? 'The Base URL of the credential is empty'
					: 'The Base URL of the credential must start with https://',
			hint: FIX,
		};
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { problem: 'The Base URL of the credential is not a valid URL', hint: FIX };
	}
	const shown = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
	if (url.search !== '' || url.hash !== '') {
		return {
			problem: `The Base URL of the credential must not have a query or fragment (${shown}…)`,
			hint: FIX,
		};
	}
	if (url.protocol === 'http:' && !LOOPBACK_HTTP.test(text)) {
		return {
			problem: `The Base URL of the credential uses plain http:// to ${url.hostname}: the API key would travel unencrypted`,
			hint: `Use https://. Plain http:// is only accepted for a server on this machine (localhost, 127.0.0.1). ${FIX}`,
		};
	}
	const login =
		url.username !== '' || url.password !== '' ? `${url.username}:${url.password}@` : '';
	return {
		url: `${url.protocol}//${login}${url.host}${url.pathname.replace(/\/+$/, '')}`,
		shown,
		origin: url.origin,
	};
}
