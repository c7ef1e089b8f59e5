// `npm run bench`: four simulated weeks of a daily schedule (09:00 UTC) that feeds 30 new people a day to Send
// Request, with and without Spread Over Week, through n8n-core's engine against the fake API (90 requests a week,
// a 24-hour hold for the request over it). The package's clock and the fake API's run days apart between runs, at real
// speed within a run; per-minute windows are shortened as in the engine tests.
import { makeProfile, startFakeApi, weekStart, type FakeApi } from '../../dev/fake-api';
import { freshPackage, runNode } from '../helpers/engine';
import { FAST_PACING, shiftClock, shiftedNow, useTimeScale } from '../helpers/fixture';

const DAY = 24 * 3600_000;
const DAYS = 28;
const PER_DAY = 30;

interface Outcome {
	perDay: number[];
	holds: number;
	all429: number;
	skipped: Record<string, number>;
}

async function simulate(spread: boolean): Promise<Outcome> {
	const api: FakeApi = await startFakeApi({ now: shiftedNow, seed: { strangers: DAYS * PER_DAY } });
	const process = await freshPackage();
	const monday = weekStart(Date.now()) + 7 * DAY;
	const outcome: Outcome = { perDay: [], holds: 0, all429: 0, skipped: {} };
	try {
		for (let day = 0; day < DAYS; day++) {
			shiftClock(monday + day * DAY + 9 * 3600_000 - Date.now());
			const from = api.requests.length;
			const people = Array.from({ length: PER_DAY }, (_, i) => ({
				p: makeProfile(day * PER_DAY + i).slug,
			}));
			const { items } = await runNode({
				parameters: {
					resource: 'connection',
					operation: 'sendRequest',
					profile: '={{ $json.p }}',
					options: {
						skipIfConnectedOrPending: false,
						onQuotaExhausted: 'skipRemaining',
						spreadOverWeek: spread,
					},
				},
				input: people,
				credentials: { apiKey: api.apiKey, baseUrl: api.url },
				loader: process,
				mode: 'trigger',
			});
			const posts = api.requests.slice(from).filter((r) => r.path === '/connect');
			outcome.perDay.push(posts.filter((r) => r.status === 200).length);
			// A /connect 429 is the request over the weekly quota: it starts a 24-hour hold (none is sent into one).
			outcome.holds += posts.filter((r) => r.status === 429).length;
			for (const item of items) {
				const reason = item.json.reason;
				if (typeof reason === 'string')
					outcome.skipped[reason] = (outcome.skipped[reason] ?? 0) + 1;
			}
		}
		outcome.all429 = api.requests.filter((r) => r.status === 429).length;
	} finally {
		shiftClock(0);
		await api.close();
	}
	return outcome;
}

test('four weeks of 30 people a day: requests per day, holds and 429s, with and without Spread Over Week', async () => {
	useTimeScale(FAST_PACING);
	const off = await simulate(false);
	const on = await simulate(true);
	const line = (name: string, o: Outcome) =>
		`| ${name} | ${Math.max(...o.perDay)} | ${Math.min(...o.perDay)} | ${o.perDay.reduce((a, b) => a + b, 0)} | ${o.holds} | ${o.all429} | ${
			Object.entries(o.skipped)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ') || '—'
		} |`;
	process.stdout.write(
		[
			'',
			`Spread Over Week: ${DAYS} days, ${PER_DAY} people a day at 09:00 UTC, 90 connection requests a week`,
			'| schedule | requests/day max | min | sent in 4 weeks | holds | 429s | skipped |',
			'|---|---|---|---|---|---|---|',
			line('without Spread Over Week', off),
			line('with Spread Over Week', on),
			`per day without: ${off.perDay.join(' ')}`,
			`per day with:    ${on.perDay.join(' ')}`,
			'',
		].join('\n'),
	);
	expect(on.holds).toBe(0);
	expect(on.all429).toBe(0);
	expect(Math.max(...on.perDay)).toBeLessThanOrEqual(13);
	expect(Math.min(...on.perDay)).toBeGreaterThanOrEqual(12);
	// Without it the week's quota is gone by Wednesday (the node stops at X-RateLimit-Remaining: 0, so no hold either).
	expect(off.perDay.slice(0, 7)).toEqual([30, 30, 30, 0, 0, 0, 0]);
});
