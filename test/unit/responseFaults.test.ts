import type { ApiResponseLike } from '../../nodes/ConnectSafely/shared/errors/answer';
import {
	describeApiError,
	describeMalformedSuccess,
	describeTransportError,
	malformedSuccess,
	transportErrorCode,
} from '../../nodes/ConnectSafely/shared/errors/messages';
import { redactSecrets } from '../../nodes/ConnectSafely/shared/errors/redact';

function response(
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown> = {},
): ApiResponseLike {
	return { statusCode, body, headers };
}

describe('malformedSuccess: a 2xx answer that is not the JSON object ConnectSafely always sends', () => {
	it.each([
		[200, { success: true }, undefined],
		[200, '{"success":true}', undefined],
		[200, { success: false }, undefined],
		[204, '', 'empty'],
		[200, undefined, 'empty'],
		[200, null, 'empty'],
		[200, '   ', 'empty'],
		[200, '<html>login</html>', 'notJson'],
		[200, '{"success":true,"invi', 'notJson'],
		[200, 'OK', 'notJson'],
		[200, [{ id: 1 }], 'notJson'],
		[200, 42, 'notJson'],
		[500, '<html></html>', undefined],
		[404, '', undefined],
	])('status %d with body %p → %p', (statusCode, body, expected) => {
		expect(malformedSuccess(response(statusCode, body))).toBe(expected);
	});

	it('describes an empty answer to a write as an unknown outcome', () => {
		const described = describeMalformedSuccess('Accept invitation', response(204, ''), {
			write: true,
		});
		expect(described.message).toBe(
			'Accept invitation failed: ConnectSafely sent an empty answer (204)',
		);
		expect(described.description).toMatch(
			/^The request may have reached ConnectSafely and been carried out/,
		);
		expect(described.httpCode).toBe('204');
	});

	it('says a read changed nothing, and never quotes the body', () => {
		const described = describeMalformedSuccess(
			'Get connection status',
			response(200, '<html>Wi-Fi sign-in</html>'),
			{ write: false },
		);
		expect(described.message).toBe(
			'Get connection status failed: ConnectSafely sent an answer that is not the expected JSON (200)',
		);
		expect(described.description).toMatch(/^Nothing was changed\./);
		expect(JSON.stringify(described)).not.toMatch(/Wi-Fi|</);
	});
});

describe('transport errors', () => {
	it.each([
		[{ httpCode: 'ECONNABORTED' }, 'ECONNABORTED'],
		[{ code: 'ECONNRESET' }, 'ECONNRESET'],
		[{ httpCode: 'ETIMEDOUT', code: 'x' }, 'ETIMEDOUT'],
		[{ httpCode: '500' }, undefined],
		[{ httpCode: null, code: 'ERR_BAD_RESPONSE' }, 'ERR_BAD_RESPONSE'],
		[new Error('x'), undefined],
		['ECONNRESET', undefined],
		[null, undefined],
	])('transportErrorCode(%p) → %p', (error, expected) => {
		expect(transportErrorCode(error)).toBe(expected);
	});

	it('a timeout names the timeout and suggests raising it', () => {
		const described = describeTransportError('Get sent invitations', 'ECONNABORTED', {
			write: false,
			timeoutMs: 300,
		});
		expect(described.message).toBe(
			'Get sent invitations failed: ConnectSafely did not answer within the request timeout of 300 ms (ECONNABORTED)',
		);
		expect(described.description).toMatch(/^Nothing was changed\..*Request Options → Timeout/);
	});

	it('a reset during a write warns that it may have been carried out and was not sent again', () => {
		const described = describeTransportError('Send connection request', 'ECONNRESET', {
			write: true,
		});
		expect(described.message).toBe(
			'Send connection request failed: the connection was closed before the whole answer arrived (ECONNRESET)',
		);
		expect(described.description).toMatch(
			/may have reached ConnectSafely and been carried out.*did not send it again/,
		);
	});

	it('an unreachable server sent nothing, even for a write', () => {
		const described = describeTransportError('Withdraw invitation', 'ECONNREFUSED', {
			write: true,
		});
		expect(described.message).toBe(
			'Withdraw invitation failed: ConnectSafely could not be reached (ECONNREFUSED)',
		);
		expect(described.description).toMatch(/^Nothing was sent\..*Base URL/);
	});
});

describe('5xx with Retry-After', () => {
	it('passes the wait on', () => {
		expect(
			describeApiError('Op', response(503, { error: 'down' }, { 'Retry-After': '30' })).description,
		).toMatch(/transient.*ConnectSafely asks to wait 30 seconds before trying again\.$/);
		expect(
			describeApiError('Op', response(503, '', { 'retry-after': 'Tue, 28 Apr 2026 00:00:00 GMT' }))
				.description,
		).toMatch(/asks not to retry before Tue, 28 Apr 2026 00:00:00 GMT\.$/);
	});
});

describe('redactSecrets', () => {
	const key = 'csk_live_abcdefgh12345678';

	it('replaces the key and bearer tokens at any depth, without touching the original', () => {
		const body = {
			error: `bad key ${key}`,
			nested: [{ auth: `Bearer ${key}` }, `Bearer other-token-1`],
			n: 1,
			ok: true,
		};
		const redacted = redactSecrets(body, [key]);
		expect(redacted).toEqual({
			error: 'bad key [redacted]',
			nested: [{ auth: 'Bearer [redacted]' }, 'Bearer [redacted]'],
			n: 1,
			ok: true,
		});
		expect(body.error).toContain(key);
	});

	it('handles strings and empty or short secrets', () => {
		expect(redactSecrets(`<pre>${key}</pre>`, [key, '', undefined, 'short'])).toBe(
			'<pre>[redacted]</pre>',
		);
		expect(redactSecrets('a short b', ['short'])).toBe('a short b');
		expect(redactSecrets(undefined, [key])).toBeUndefined();
	});
});
