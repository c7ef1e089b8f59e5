// Spread Over Week: a weekly quota kept within the day's share, by ConnectSafely's counts (the quota read-out and the
// run's own writes).
import { featureOf, type Counts } from '../request/quota';
import { DAY_MS } from '../values/dates';

export interface ShareBlock {
	/** The start of the next quota day. */
	resumeAfter: string;
	/** Day of the quota week (1–7), the share of it, and what ConnectSafely counted. */
	day: number;
	share: number;
	used: number;
}

/**
 * Spread Over Week: on day d of a weekly quota's week (its reset minus 7 days; d = 1 on the first day) at most
 * ⌈limit × d / 7⌉ of the week's requests, by ConnectSafely's count. Unknown counts, a daily quota or a new week: no stop.
 */
export function shareBlock(counts: Counts, action: string, now: number): ShareBlock | undefined {
	const seen = counts.get(featureOf(action) ?? '');
	if (!seen || seen.window !== 'weekly' || now >= seen.reset || seen.limit <= 0) return undefined;
	const weekStart = seen.reset - 7 * DAY_MS;
	const day = Math.min(7, Math.max(1, Math.floor((now - weekStart) / DAY_MS) + 1));
	const share = Math.ceil((seen.limit * day) / 7);
	if (seen.used < share) return undefined;
	const resumeAfter = new Date(weekStart + day * DAY_MS).toISOString();
	return { resumeAfter, day, share, used: seen.used };
}
