import { ageInDays, estimateDate, inputError, invitationList } from '../../shared';

export const operation = invitationList({
	option: {
		name: 'Get Many Sent',
		value: 'getSent',
		action: 'Get many sent invitations',
		description: 'List pending connection invitations the account sent',
	},
	request: { method: 'GET', url: '/invitations/sent' },
	label: 'Get sent invitations',
	filter: {
		displayName: 'Older Than (Days)',
		name: 'olderThanDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 21,
		description:
			'Only return invitations sent at least this many days ago (estimated from LinkedIn’s relative "sent" text)',
	},
	select(items, olderThanDays) {
		if (olderThanDays !== undefined && (typeof olderThanDays !== 'number' || olderThanDays < 0)) {
			throw inputError(
				this,
				`"Older Than (Days)" must be a number of at least 0, got ${JSON.stringify(olderThanDays)}`,
				'Set it to the minimum age in days of the invitations to return, or remove the filter.',
			);
		}
		const now = new Date();
		const enriched = items.map((item) => ({
			...item,
			json: { ...item.json, sentAtEstimate: estimateDate(item.json.sentAt, now) ?? null },
		}));
		if (olderThanDays === undefined) return enriched;
		return enriched.filter((item) => {
			const estimate = item.json.sentAtEstimate;
			return typeof estimate === 'string' && ageInDays(estimate, now) >= olderThanDays;
		});
	},
});
