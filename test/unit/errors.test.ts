import {
	zodIssueFields,
	type ApiResponseLike,
} from '../../nodes/ConnectSafely/shared/errors/answer';
import { rules as sendRequestRules } from '../../nodes/ConnectSafely/resources/connection/sendRequest';
import { rules as withdrawRules } from '../../nodes/ConnectSafely/resources/invitation/withdraw';
import { classifyAnswer } from '../../nodes/ConnectSafely/shared/errors/classify';
import { describeApiError, isApiFailure } from '../../nodes/ConnectSafely/shared/errors/messages';
import { classifyRateLimit } from '../../nodes/ConnectSafely/shared/errors/rateLimit';

function response(
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown> = {},
): ApiResponseLike {
	return { statusCode, body, headers };
}

const zodBody = (issues: unknown[]) => ({ success: false, error: { name: 'ZodError', issues } });

const RETRY_NOTE =
	"n8n's Retry On Fail waits at most 5 seconds, which does not help here: run the workflow again after that time instead.";

describe('isApiFailure', () => {
	it.each([
		[200, { success: true }, false],
		[201, { ok: 1 }, false],
		[204, '', false],
		[200, [{ id: 'a' }], false],
		[200, '{"success":true}', false],
		[200, { success: false, error: 'x' }, true],
		[200, '{"success":false,"error":"x"}', true],
		[299, { success: false }, true],
		[200, { success: 'false' }, false],
		[199, { success: true }, true],
		[301, {}, true],
		[400, { success: true }, true],
		[404, undefined, true],
		[429, '', true],
		[500, { success: true }, true],
	])('status %d with body %p → %p', (statusCode, body, expected) => {
		expect(isApiFailure(response(statusCode, body))).toBe(expected);
	});
});

describe('zodIssueFields', () => {
	it('joins paths with dots, keeps order, drops duplicates and empty paths', () => {
		expect(
			zodIssueFields(
				zodBody([
					{ code: 'invalid_type', path: ['validationToken'], message: 'Required' },
					{ code: 'invalid_type', path: ['profile', 'firstName'], message: 'Required' },
					{ code: 'too_big', path: ['items', 0, 'id'], message: 'Too long' },
					{ code: 'invalid_type', path: ['validationToken'], message: 'Expected string' },
					{ code: 'custom', path: [], message: 'Either profileId or profileUrn is required' },
				]),
			),
		).toEqual(['validationToken', 'profile.firstName', 'items.0.id']);
	});

	it('reads top-level issues and JSON text bodies', () => {
		expect(zodIssueFields({ issues: [{ path: ['profileId'], message: 'Required' }] })).toEqual([
			'profileId',
		]);
		expect(
			zodIssueFields(
				JSON.stringify(zodBody([{ path: ['action'], message: 'Invalid enum value' }])),
			),
		).toEqual(['action']);
	});

	it('reads issues serialized into the ZodError message', () => {
		const body = {
			success: false,
			error: {
				name: 'ZodError',
				message: JSON.stringify([{ path: ['customMessage'], message: 'Too long' }], null, 2),
			},
		};
		expect(zodIssueFields(body)).toEqual(['customMessage']);
	});

	it.each([
		[undefined],
		[null],
		[''],
		['<html></html>'],
		[{ success: false, error: 'Already connected' }],
		[{ error: { name: 'ZodError' } }],
		[{ error: { issues: 'nope' } }],
		[{ error: { issues: [null, 5, { path: 'x' }, { path: [{}] }] } }],
		[[{ path: ['a'] }]],
	])('returns [] for %p', (body) => {
		expect(zodIssueFields(body)).toEqual([]);
	});
});

describe('describeApiError: 400', () => {
	it('names the Zod field in message and description', () => {
		const result = describeApiError(
			'Accept invitation',
			response(
				400,
				zodBody([
					{
						code: 'invalid_type',
						expected: 'string',
						received: 'undefined',
						path: ['validationToken'],
						message: 'Required',
					},
				]),
			),
		);
		expect(result).toEqual({
			message:
				'Accept invitation failed: ConnectSafely rejected the request (400): validationToken – Required',
			description:
				'ConnectSafely says this field is missing or invalid: validationToken. Check the node parameter that fills it; an expression pointing at a field the input item does not have gives an empty value.',
			httpCode: '400',
		});
	});

	it('lists several fields', () => {
		const result = describeApiError(
			'Ignore invitation',
			response(
				400,
				zodBody([
					{ path: ['firstName'], message: 'Required' },
					{ path: ['profile', 'lastName'], message: 'Expected string, received number' },
				]),
			),
		);
		expect(result.message).toBe(
			'Ignore invitation failed: ConnectSafely rejected the request (400): firstName – Required; profile.lastName – Expected string, received number',
		);
		expect(result.description).toBe(
			'ConnectSafely says these fields are missing or invalid: firstName, profile.lastName. Check the node parameter that fills them; an expression pointing at a field the input item does not have gives an empty value.',
		);
	});

	it('limits the quoted issues to five', () => {
		const issues = Array.from({ length: 7 }, (_, i) => ({ path: [`f${i}`], message: 'Required' }));
		expect(describeApiError('Op', response(400, zodBody(issues))).message).toBe(
			'Op failed: ConnectSafely rejected the request (400): f0 – Required; f1 – Required; f2 – Required; f3 – Required; f4 – Required; and 2 more',
		);
	});

	it('an "already" text is Send Request’s to read: there it is a skip, elsewhere it explains nothing', () => {
		for (const text of [
			'Already connected with this profile',
			'Invitation already sent',
			'You are already connected',
		]) {
			const answer = response(400, { success: false, error: text });
			const connect = { label: 'Send connection request', write: true, shape: 'write' as const };
			expect(classifyAnswer(answer, { ...connect, rules: sendRequestRules })?.skip?.reason).toMatch(
				/^(connected|pending)$/,
			);
			const result = describeApiError('Accept invitation', answer);
			expect(result.message).toBe(
				`Accept invitation failed: ConnectSafely rejected the request (400): ${text}`,
			);
			expect(result.description).not.toMatch(/already connected|pending/);
		}
	});

	it('says so when there is no pending invitation', () => {
		for (const text of [
			'No pending invitation found for this profile',
			'No pending invitation',
			'Invitation not found',
			'no invitation to withdraw',
		]) {
			const result = describeApiError(
				'Withdraw invitation',
				response(400, { success: false, error: text }),
				{ write: true, rules: withdrawRules },
			);
			expect(result.message).toBe(
				`Withdraw invitation failed: ConnectSafely rejected the request (400): ${text}`,
			);
			expect(result.description).toBe(
				'There is no pending invitation for this person: it was probably already accepted, ignored or withdrawn. Nothing needs doing; to let the workflow go on for such items, turn on the node setting On Error → Continue.',
			);
		}
	});

	it('uses the newer code/message shape', () => {
		expect(
			describeApiError(
				'Send connection request',
				response(400, {
					success: false,
					code: 'validation_error',
					message: 'profileId or profileUrn is required',
				}),
			),
		).toEqual({
			message:
				'Send connection request failed: ConnectSafely rejected the request (400): profileId or profileUrn is required',
			description:
				'ConnectSafely considered the request invalid. Check the node parameters, especially values that come from expressions.',
			httpCode: '400',
		});
	});

	it('falls back to the code when there is no message', () => {
		expect(
			describeApiError('Op', response(400, { success: false, code: 'validation_error' })).message,
		).toBe('Op failed: ConnectSafely rejected the request (400): validation_error');
	});

	it('reads a JSON body delivered as text', () => {
		expect(
			describeApiError('Op', response(400, '{"success":false,"error":"Missing validationToken"}'))
				.message,
		).toBe('Op failed: ConnectSafely rejected the request (400): Missing validationToken');
	});
});

describe('describeApiError: 2xx with success false', () => {
	it('reports the failure with the API text', () => {
		expect(
			describeApiError(
				'Accept invitation',
				response(200, { success: false, error: 'Invitation already accepted' }),
			),
		).toEqual({
			message:
				'Accept invitation failed: ConnectSafely reported a failure (200): Invitation already accepted',
			description:
				'ConnectSafely considered the request invalid. Check the node parameters, especially values that come from expressions.',
			httpCode: '200',
		});
	});

	it('works without any text', () => {
		expect(describeApiError('Op', response(200, { success: false })).message).toBe(
			'Op failed: ConnectSafely reported a failure (200)',
		);
	});
});

describe('describeApiError: 401 and 403', () => {
	it('points at the credential on 401', () => {
		expect(
			describeApiError(
				'Get sent invitations',
				response(401, { error: 'Unauthorized - Invalid credentials' }),
			),
		).toEqual({
			message:
				'Get sent invitations failed: ConnectSafely did not accept the API key (401): Unauthorized - Invalid credentials',
			description:
				'The API key is missing or invalid. Check the "ConnectSafely Outreach API" credential: copy a current key from Settings → API keys in the ConnectSafely dashboard.',
			httpCode: '401',
		});
	});

	it('quotes a short plain-text 401 body', () => {
		expect(describeApiError('Op', response(401, 'Unauthorized')).message).toBe(
			'Op failed: ConnectSafely did not accept the API key (401): Unauthorized',
		);
	});

	it('says the subscription must change on 403', () => {
		expect(
			describeApiError(
				'Send connection request',
				response(403, {
					success: false,
					code: 'subscription_inactive',
					message: 'Your trial has expired',
				}),
			),
		).toEqual({
			message:
				'Send connection request failed: ConnectSafely refused access (403): Your trial has expired',
			description:
				'The ConnectSafely trial has expired or the workspace has no active subscription. The subscription, not the workflow, must change: renew it in the ConnectSafely dashboard, then run the workflow again.',
			httpCode: '403',
		});
	});
});

describe('describeApiError: 404', () => {
	it('quotes which profile was not found', () => {
		expect(
			describeApiError(
				'Get connection status',
				response(404, { success: false, error: 'LinkedIn profile not found: john-doe' }),
			),
		).toEqual({
			message:
				'Get connection status failed: ConnectSafely could not find what the request refers to (404): LinkedIn profile not found: john-doe',
			description:
				'ConnectSafely says: "LinkedIn profile not found: john-doe". Check the profile: use the public profile URL or the vanity name (the part after linkedin.com/in/) of an existing person, and the LinkedIn Account the request should go through.',
			httpCode: '404',
		});
	});

	it('points at the account when the account is missing', () => {
		expect(
			describeApiError(
				'Get sent invitations',
				response(404, { success: false, error: 'No active LinkedIn account found' }),
			).description,
		).toBe(
			'ConnectSafely says: "No active LinkedIn account found". Check the LinkedIn Account parameter, or connect a LinkedIn account in the ConnectSafely dashboard.',
		);
	});

	it('works without a body', () => {
		expect(describeApiError('Op', response(404, undefined))).toEqual({
			message: 'Op failed: ConnectSafely could not find what the request refers to (404)',
			description:
				'Check the profile: use the public profile URL or the vanity name (the part after linkedin.com/in/) of an existing person, and the LinkedIn Account the request should go through.',
			httpCode: '404',
		});
	});
});

const THROTTLED =
	'ConnectSafely throttled this request: too many requests a minute on this API key or LinkedIn account, which other workflows, other n8n instances and the ConnectSafely dashboard share. It was not carried out and used no quota; this item may be retried.';
const THROTTLE_NEXT =
	'Run the workflow again in a minute, or spread the items out with Options → Delay Between Requests.';

describe('describeApiError: 429', () => {
	const body = {
		success: false,
		error: 'Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-04-28T00:00:00Z',
		holdUntil: '2026-04-27T15:42:11Z',
	};

	it('states the hold, the reset and the retry-after', () => {
		expect(
			describeApiError(
				'Send connection request',
				response(429, body, {
					'x-ratelimit-reset': '2026-04-28T00:00:00Z',
					'x-ratelimit-action': 'CONNECT',
					'x-ratelimit-remaining': '0',
					'retry-after': '120',
				}),
			),
		).toEqual({
			message:
				'Send connection request failed: the rate limit for CONNECT was reached (429): Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-04-28T00:00:00Z',
			description: `LinkedIn put the account on hold until 2026-04-27T15:42:11Z. Do not retry before then: retrying earlier extends LinkedIn holds. The limit resets at 2026-04-28T00:00:00Z. ConnectSafely asks to wait 120 seconds before the next request. ${RETRY_NOTE}`,
			httpCode: '429',
		});
	});

	it('a spent quota without a hold (X-RateLimit-Remaining: 0) warns that early retries can cause one', () => {
		const result = describeApiError(
			'Send connection request',
			response(
				429,
				{ success: false, error: 'Too many requests' },
				{ 'x-ratelimit-reset': '2026-04-20T00:00:00Z', 'x-ratelimit-remaining': '0' },
			),
		);
		expect(result).toEqual({
			message:
				'Send connection request failed: the rate limit was reached (429): Too many requests',
			description: `The limit resets at 2026-04-20T00:00:00Z. Do not retry before the reset: retrying earlier can make LinkedIn put the account on hold or extend a hold. ${RETRY_NOTE}`,
			httpCode: '429',
		});
	});

	it('takes the reset from the body text when the header is missing', () => {
		expect(classifyRateLimit(response(429, { success: false, error: body.error }))?.resetAt).toBe(
			'2026-04-28T00:00:00Z',
		);
	});

	it('normalizes an epoch-seconds reset header and reads header arrays', () => {
		const result = describeApiError(
			'Op',
			response(429, '', {
				'x-ratelimit-reset': ['1777334400'],
				'Retry-After': 'Tue, 28 Apr 2026 00:00:00 GMT',
			}),
		);
		expect(
			classifyRateLimit(response(429, '', { 'x-ratelimit-reset': ['1777334400'] }))?.resetAt,
		).toBe('2026-04-28T00:00:00.000Z');
		expect(result.description).toBe(
			`${THROTTLED} ConnectSafely asks not to retry before Tue, 28 Apr 2026 00:00:00 GMT. ${THROTTLE_NEXT}`,
		);
		expect(result.message).toBe(
			'Op failed: ConnectSafely throttled the request; it may be retried (429)',
		);
	});

	it('a bare 429 (a gateway: no headers, no JSON) is a throttle that may be retried', () => {
		expect(describeApiError('Op', response(429, '<html>429 Too Many Requests</html>'))).toEqual({
			message:
				'Op failed: ConnectSafely throttled the request; it may be retried (429): the server answered with a non-JSON page (probably from a proxy or gateway)',
			description: `${THROTTLED} ${THROTTLE_NEXT}`,
			httpCode: '429',
		});
	});

	it('a quota text without any header still advises waiting for the reset', () => {
		expect(
			describeApiError(
				'Op',
				response(429, { error: 'Rate limit exceeded for MESSAGE: 100/100 used' }),
			),
		).toEqual({
			message:
				'Op failed: the rate limit was reached (429): Rate limit exceeded for MESSAGE: 100/100 used',
			description: `Wait before retrying: retrying too early can make LinkedIn put the account on hold or extend a hold. ${RETRY_NOTE}`,
			httpCode: '429',
		});
	});
});

describe('describeApiError: 5xx and others', () => {
	const transient =
		'This is usually transient (ConnectSafely or LinkedIn had a temporary problem). One retry a few minutes later may help; if it keeps failing, contact ConnectSafely support.';

	it('calls a 500 transient', () => {
		expect(
			describeApiError(
				'Accept invitation',
				response(500, { success: false, error: 'Internal server error' }),
			),
		).toEqual({
			message:
				'Accept invitation failed: ConnectSafely had a server error (500): Internal server error',
			description: transient,
			httpCode: '500',
		});
	});

	it('never pastes HTML from a proxy', () => {
		const html =
			'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>';
		const result = describeApiError(
			'Get sent invitations',
			response(502, html, { 'content-type': 'text/html' }),
		);
		expect(result).toEqual({
			message:
				'Get sent invitations failed: ConnectSafely had a server error (502): the server answered with a non-JSON page (probably from a proxy or gateway)',
			description: `Nothing was changed. ${transient}`,
			httpCode: '502',
		});
		expect(result.message).not.toContain('<');
		expect(result.description).not.toContain('<');
	});

	it('never pastes HTML even when it is short or hidden in a JSON field', () => {
		expect(describeApiError('Op', response(503, '<h1>down</h1>')).message).toBe(
			'Op failed: ConnectSafely had a server error (503): the server answered with a non-JSON page (probably from a proxy or gateway)',
		);
		expect(
			describeApiError('Op', response(500, { error: '<html><body>oops</body></html>' })).message,
		).toBe(
			'Op failed: ConnectSafely had a server error (500): the server answered with a non-JSON page (probably from a proxy or gateway)',
		);
	});

	it('does not quote long plain text bodies', () => {
		const text = 'upstream connect error or disconnect/reset before headers. '.repeat(5);
		expect(describeApiError('Op', response(504, text)).message).toBe(
			'Op failed: ConnectSafely had a server error (504): the server answered with a non-JSON page (probably from a proxy or gateway)',
		);
	});

	it('handles an empty body', () => {
		expect(describeApiError('Op', response(500, '')).message).toBe(
			'Op failed: ConnectSafely had a server error (500)',
		);
	});

	it('is generic for unexpected statuses', () => {
		expect(describeApiError('Op', response(409, { success: false, error: 'Conflict' }))).toEqual({
			message: 'Op failed: ConnectSafely answered with an unexpected status (409): Conflict',
			description:
				'ConnectSafely answered with HTTP status 409, which this node does not expect. Check the Base URL of the "ConnectSafely Outreach API" credential and try again later.',
			httpCode: '409',
		});
	});
});

describe('describeApiError: safety', () => {
	it('redacts bearer tokens echoed by the API and never echoes request headers', () => {
		const result = describeApiError(
			'Op',
			response(
				401,
				{ error: 'Invalid header Authorization: Bearer sk_live_abcdef123456' },
				{ authorization: 'Bearer sk_live_zzz' },
			),
		);
		expect(result.message).toBe(
			'Op failed: ConnectSafely did not accept the API key (401): Invalid header Authorization: Bearer [redacted]',
		);
		expect(JSON.stringify(result)).not.toContain('sk_live');
	});

	it('shortens very long API texts to 300 characters', () => {
		const text = 'x'.repeat(1000);
		const result = describeApiError('Op', response(400, { success: false, error: text }));
		expect(result.message).toBe(
			`Op failed: ConnectSafely rejected the request (400): ${'x'.repeat(299)}…`,
		);
	});

	it('collapses whitespace in API texts', () => {
		expect(describeApiError('Op', response(400, { error: 'line one\n\n  line two' })).message).toBe(
			'Op failed: ConnectSafely rejected the request (400): line one line two',
		);
	});
});
