// The API key never shows: every form of it, and any bearer token, becomes "[redacted]".

const REDACTED = '[redacted]';
/** Any piece of the key this long is redacted, so a key cut or wrapped by an echo does not show either. */
export const SECRET_PIECE = 8;

const patterns = new Map<string, RegExp>();

function secretPattern(secrets: string[]): RegExp | undefined {
	const cacheKey = secrets.join('\u0000');
	let pattern = patterns.get(cacheKey);
	if (pattern === undefined) {
		const pieces = new Set<string>();
		for (const secret of secrets) {
			for (let i = 0; i + SECRET_PIECE <= secret.length; i++)
				pieces.add(secret.slice(i, i + SECRET_PIECE));
		}
		if (pieces.size === 0) return undefined;
		// Longest runs first: a whole key becomes one marker, not several.
		const escaped = [...secrets, ...pieces]
			.sort((a, b) => b.length - a.length)
			.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		pattern = new RegExp(`(?:${escaped.join('|')})+`, 'g');
		if (patterns.size > 20) patterns.clear();
		patterns.set(cacheKey, pattern);
	}
	return pattern;
}

function redactText(text: string, pattern: RegExp | undefined): string {
	const result = pattern === undefined ? text : text.replace(pattern, REDACTED);
	return result.replace(/(bearer\s+)(?!\[redacted\])[^\s"',;]+/gi, `$1${REDACTED}`);
}

/**
 * A copy of `value` (an API response body) with the secrets (the API key, as stored and trimmed), any
 * SECRET_PIECE-character piece of them, and any bearer token replaced by "[redacted]", in strings and keys at any depth.
 */
export function redactSecrets<T>(value: T, secrets: unknown[]): T {
	const texts = secrets
		.filter((secret): secret is string => typeof secret === 'string')
		.map((secret) => secret.trim())
		.filter((secret) => secret.length >= SECRET_PIECE);
	const pattern = secretPattern([...new Set(texts)]);
	const walk = (item: unknown): unknown => {
		if (typeof item === 'string') return redactText(item, pattern);
		if (Array.isArray(item)) return item.map(walk);
		if (typeof item === 'object' && item !== null)
			return Object.fromEntries(
				Object.entries(item).map(([key, entry]) => [redactText(key, pattern), walk(entry)]),
			);
		return item;
	};
	return walk(value) as T;
}
