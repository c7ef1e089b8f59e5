// An account's quotas as ConnectSafely counts them (GET /account/{accountId}/quota: database-only, costs no quota,
// counts every client of the account), read by Account → Get Quota and by every write before its first request.
export function quotaPath(accountId: string): string {
	return `/account/${encodeURIComponent(accountId)}/quota`;
}

/** One quota of the read-out, as the node outputs it. */
export interface QuotaEntry {
	feature: string;
	window: string;
	used: number;
	limit: number;
	remaining: number;
	/** LinkedIn answered a rate limit (429) for this feature in this window. */
	limitReached: boolean;
	limitReachedAt?: string;
	resetAt: string;
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The read-out's usable quotas: entries without a feature, counts or reset time are left out. */
export function quotaEntries(body: unknown): QuotaEntry[] {
	const quotas = (body as { quotas?: unknown } | null)?.quotas;
	return (Array.isArray(quotas) ? (quotas as unknown[]) : []).flatMap((entry) => {
		if (typeof entry !== 'object' || entry === null) return [];
		const quota = entry as Record<string, unknown>;
		const used = count(quota.used);
		const limit = count(quota.limit);
		const { feature, window, resetAt } = quota;
		if (typeof feature !== 'string' || used === undefined || limit === undefined) return [];
		if (typeof resetAt !== 'string' || Number.isNaN(Date.parse(resetAt))) return [];
		return [
			{
				feature,
				window: typeof window === 'string' ? window : '',
				used,
				limit,
				remaining: count(quota.remaining) ?? Math.max(limit - used, 0),
				limitReached: quota.limitReached === true,
				...(typeof quota.limitReachedAt === 'string'
					? { limitReachedAt: quota.limitReachedAt }
					: {}),
				resetAt,
			},
		];
	});
}
