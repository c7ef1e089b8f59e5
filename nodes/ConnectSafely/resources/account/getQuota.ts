import { readRouting, type Operation } from '../../shared/descriptions/operations';
import { quotaEntries, quotaPath } from '../../shared/values/quota';

export const operation: Operation = {
	option: {
		name: 'Get Quota',
		value: 'getQuota',
		action: 'Get the account’s quotas',
		description:
			'How many connection requests, messages and other LinkedIn actions the account has used and has left, and when each quota resets. One item per quota. Counts every workflow and app on the account, and costs no quota: check it before a campaign.',
		routing: readRouting(
			{ method: 'GET', url: '/account' },
			{
				label: 'Get quota',
				shape: { list: 'quotas' },
				accountInPath: true,
				prepare: (_ctx, request, account) => ({ request: { ...request, url: quotaPath(account) } }),
				items: (body) =>
					quotaEntries(body).map((quota) => ({
						accountId: body.accountId,
						feature: quota.feature,
						window: quota.window,
						used: quota.used,
						limit: quota.limit,
						remaining: quota.remaining,
						limitReached: quota.limitReached,
						resetAt: quota.resetAt,
					})),
			},
		),
	},
	fields: [],
};
