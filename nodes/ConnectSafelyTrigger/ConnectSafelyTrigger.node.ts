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
	pageReader,
	type PageReader,
} from './events';
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
	read: PageReader,
	source: EventSource,
	previous: TriggerState | undefined,
): Promise<IDataObject[][]> {
	const pages: IDataObject[][] = [];
	while (
		needsAnotherPage(
			previous,
			pages.map((page) => page.map(source.idOf)),
			source.pageSize,
		)
	) {
		pages.push(await read(pages.length * source.pageSize));
	}
	return pages;
}

/** "Fetch Test Event": the newest matching item, without touching the saved state. */
async function newestItem(
	ctx: IPollFunctions,
	event: TriggerEvent,
	read: PageReader,
	matches: (item: IDataObject) => boolean,
): Promise<INodeExecutionData[][]> {
	const source = EVENT_SOURCES[event];
	for (let page = 0; page < MAX_PAGES; page++) {
		const items = await read(page * source.pageSize);
		const found = items.find(matches);
		if (found !== undefined) return [[{ json: source.toOutput(found) }]];
		if (items.length < source.pageSize) break;
	}
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
			'={{ $parameter["event"] === "connectionAdded" ? "New connection" : "New received invitation" }}',
		description:
			'Starts the workflow on each new LinkedIn invitation received or each new connection, checked at Poll Times',
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
		if (!isTriggerEvent(event)) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`, {
				description: 'Choose New Received Invitation or New Connection.',
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
		const read = pageReader(this, source, accountId);

		if (this.getMode() === 'manual') return await newestItem(this, event, read, matches);

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
		// A poll still running (a slow API) owns the state: a second one would emit the same items again.
		const pollId = `${String(this.getWorkflow().id)}:${this.getNode().id}:${key}`;
		if (polling.has(pollId)) return null;
		polling.add(pollId);
		try {
			return await pollOnce(this, staticData as IDataObject, key, read, source, matches);
		} finally {
			polling.delete(pollId);
		}
	}
}

const polling = new Set<string>();

async function pollOnce(
	ctx: IPollFunctions,
	staticData: IDataObject,
	key: string,
	read: PageReader,
	source: EventSource,
	matches: (item: IDataObject) => boolean,
): Promise<INodeExecutionData[][] | null> {
	const previous = readState(staticData, key);
	// A failing request throws here, before the state is touched: nothing unemitted is marked as seen.
	const pages = await readPages(read, source, previous);
	const plan = planPoll(previous, key, pages, source.idOf, source.pageSize);
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
