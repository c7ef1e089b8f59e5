import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { INVITATION_CATEGORIES } from '../ConnectSafely/resources/invitation/getReceived';
import { accountIdField, searchAccounts } from '../ConnectSafely/shared/descriptions/fields';
import { isObject } from '../ConnectSafely/shared/values/text';
import {
	EVENT_SOURCES,
	isTriggerEvent,
	matchesCategories,
	type EventSource,
	type TriggerEvent,
	accountIdOf,
	walkEvent,
} from './events';
import { exclusive, newestReceived, pollInbox } from './messages';
import {
	MAX_PAGES,
	needsAnotherPage,
	planPoll,
	readState,
	stateKey,
	writeState,
	type TriggerState,
} from './state';

async function readPages(
	ctx: IPollFunctions,
	source: EventSource,
	accountId: string,
	previous: TriggerState | undefined,
): Promise<IDataObject[][]> {
	const pages: IDataObject[][] = [];
	await walkEvent(ctx, source, accountId, (entries) => {
		pages.push(entries);
		const ids = pages.map((page) => page.map(source.idOf));
		return needsAnotherPage(previous, ids, source.paging.pageSize);
	});
	return pages;
}

/** "Fetch Test Event": the newest matching item, without touching the saved state. */
async function newestItem(
	ctx: IPollFunctions,
	event: TriggerEvent,
	accountId: string,
	matches: (item: IDataObject) => boolean,
): Promise<INodeExecutionData[][]> {
	const source = EVENT_SOURCES[event];
	let found: IDataObject | undefined;
	let pages = 0;
	await walkEvent(ctx, source, accountId, (entries) => {
		found = entries.find(matches);
		return found === undefined && ++pages < MAX_PAGES;
	});
	if (found !== undefined) return [[{ json: source.toOutput(found) }]];
	throw new NodeOperationError(
		ctx.getNode(),
		event === 'invitationReceived'
			? 'There is no received invitation of the selected kinds yet'
			: 'The LinkedIn account has no connections yet',
		{
			description:
				event === 'invitationReceived'
					? 'The test event is the newest pending invitation, and there is none (of the categories chosen under Filters). Have someone invite the LinkedIn account, or add categories to the filter, then fetch again. Once the workflow is active, the trigger fires for every new invitation.'
					: 'The test event is the newest connection, and the account has none. Connect with someone (for example accept an invitation), then fetch again. Once the workflow is active, the trigger fires for every new connection.',
		},
	);
}

export class ConnectSafelyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectSafely Trigger',
		name: 'connectSafelyTrigger',
		icon: {
			light: 'file:../../icons/connectSafely.svg',
			dark: 'file:../../icons/connectSafely.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ { connectionAdded: "New connection", newMessage: "New message" }[$parameter["event"]] ?? "New received invitation" }}',
		description:
			'Starts the workflow on each new LinkedIn invitation received, new connection or new message, checked at Poll Times',
		defaults: { name: 'ConnectSafely Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectSafelyOutreachApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: [
					{
						name: 'New Connection',
						value: 'connectionAdded',
						description: 'Fires once for every new first-degree connection of the LinkedIn account',
					},
					{
						name: 'New Message',
						value: 'newMessage',
						description:
							'Fires once for every message someone sends the LinkedIn account (not the account’s own)',
					},
					{
						name: 'New Received Invitation',
						value: 'invitationReceived',
						description:
							'Fires once for every new invitation someone sends to the LinkedIn account',
					},
				],
				default: 'invitationReceived',
			},
			accountIdField,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['invitationReceived'] } },
				options: [
					{
						displayName: 'Categories',
						name: 'categories',
						type: 'multiOptions',
						options: INVITATION_CATEGORIES,
						default: ['CONNECTION'],
						description:
							'Which kinds of invitations start the workflow. Without this filter only connection invitations do; an empty selection lets all kinds through.',
					},
				],
			},
			{
				displayName:
					'The first poll after activation only remembers what already exists; from then on every new item starts the workflow exactly once',
				name: 'firstPollNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch: { searchAccounts } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'invitationReceived');
		if (event === 'newMessage') return await messageEvent(this);
		if (!isTriggerEvent(event)) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`, {
				description: 'Choose New Received Invitation, New Connection or New Message.',
			});
		}
		const source = EVENT_SOURCES[event];
		const accountId = accountIdOf(this);
		const filters = (
			event === 'invitationReceived' ? this.getNodeParameter('filters', {}) : {}
		) as IDataObject;
		const categories = filters.categories as string[] | undefined;
		const matches = (item: IDataObject) =>
			event !== 'invitationReceived' || matchesCategories(item, categories);
		if (this.getMode() === 'manual') return await newestItem(this, event, accountId, matches);

		const staticData: unknown = this.getWorkflowStaticData('node');
		const key = stateKey(event, accountId);
		if (!isObject(staticData)) {
			this.logger.warn(
				'ConnectSafely Trigger: the saved state of this node is not an object and cannot be updated; nothing is emitted',
				{
					node: this.getNode().name,
				},
			);
			return null;
		}
		return await exclusive(pollIdOf(this, key), async () =>
			pollOnce(this, staticData as IDataObject, key, accountId, source, matches),
		);
	}
}

function pollIdOf(ctx: IPollFunctions, key: string): string {
	return `${String(ctx.getWorkflow().id)}:${ctx.getNode().id}:${key}`;
}

/** New Message: its own state under `inbox` in the node's static data. */
async function messageEvent(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const accountId = accountIdOf(ctx);
	if (ctx.getMode() === 'manual') return await newestReceived(ctx, accountId);
	const staticData: unknown = ctx.getWorkflowStaticData('node');
	if (!isObject(staticData)) return null;
	const key = stateKey('newMessage', accountId);
	return await exclusive(pollIdOf(ctx, key), async () => {
		// A failing read throws here, before the state is touched: nothing unemitted is marked as seen.
		const { state, items } = await pollInbox(ctx, staticData.inbox, key, accountId);
		if (JSON.stringify(staticData.inbox) !== JSON.stringify(state)) staticData.inbox = state;
		return items.length > 0 ? [items] : null;
	});
}

async function pollOnce(
	ctx: IPollFunctions,
	staticData: IDataObject,
	key: string,
	accountId: string,
	source: EventSource,
	matches: (item: IDataObject) => boolean,
): Promise<INodeExecutionData[][] | null> {
	const previous = readState(staticData, key);
	// A failing request throws here, before the state is touched: nothing unemitted is marked as seen.
	const pages = await readPages(ctx, source, accountId, previous);
	const plan = planPoll(previous, key, pages, source.idOf, source.paging.pageSize);
	if (plan.capped) {
		ctx.logger.warn(
			`ConnectSafely Trigger read ${MAX_PAGES} pages without reaching an item it had seen; items older than those were not emitted`,
			{ key, node: ctx.getNode().name },
		);
	}
	writeState(staticData, plan.next);
	const emitted = plan.newItems.filter(matches).map((item) => ({ json: source.toOutput(item) }));
	return emitted.length > 0 ? [emitted] : null;
}
