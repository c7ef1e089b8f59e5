// The description builders: an operation's entry and fields (Operation), its routing (declared data plus the one
// run it goes through), and the node's Operation parameters with every shared field once.
import type {
	DeclarativeRestApiSettings,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listFields } from './fields';
import { readList, type ListSpec } from '../request/list';
import { readOne, type ReadSpec } from '../request/operation';
import type { WriteInput, WriteSpec } from '../write/job';
import { writeRun } from '../write/run';

type Routing = NonNullable<INodePropertyOptions['routing']>;
type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/**
 * One operation, declared in its own file: its entry in the Operation list (with routing) and its fields, in the
 * order the editor shows them. A field object that several operations declare becomes one parameter shown for all of
 * them.
 */
export interface Operation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

/** An operation's entry in the Operation list, without its routing. */
export type OperationText = Omit<INodePropertyOptions, 'routing'>;

/**
 * An operation's routing: its request as data (method, URL; its fields add body properties), sent by the run of its
 * kind. RoutingNode calls the run (a pagination function) once per item with the request it built.
 */
export function readRouting(request: Request, spec: ReadSpec): Routing {
	return { request, send: { paginate: true }, operations: { pagination: readOne(spec) } };
}

export function listRouting(request: Request, spec: ListSpec): Routing {
	return { request, send: { paginate: true }, operations: { pagination: readList(spec) } };
}

export function writeRouting<I extends WriteInput>(request: Request, spec: WriteSpec<I>): Routing {
	return { request, send: { paginate: true }, operations: { pagination: writeRun(spec) } };
}

/** Return All, Limit and one Filters collection: the fields of a list. */
export function listFieldsWith(filters: INodeProperties[]): INodeProperties[] {
	return [
		...listFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters,
		},
	];
}

/** A resource: its value, its default operation and its operations (assembled by `nodeProperties`). */
export interface Resource {
	resource: string;
	defaultOperation: string;
	operations: Operation[];
}

export function resourceOperations(
	resource: string,
	defaultOperation: string,
	operations: Operation[],
): Resource {
	return { resource, defaultOperation, operations };
}

/**
 * The Operation parameter of every resource, then the fields of all operations: each field object once, shown for
 * every resource and operation that declares it, and each operation's fields in its own order.
 *
 * n8n's RoutingNode evaluates the value of every parameter in the description for each item, shown or not (n8n 2.x
 * a second time, to find the base URL): a field declared once per operation had its expression evaluated per copy.
 */
export function nodeProperties(resources: Resource[]): INodeProperties[] {
	const shownFor = new Map<INodeProperties, { resource: string[]; operation: string[] }>();
	for (const { resource, operations } of resources) {
		for (const { option, fields } of operations)
			for (const field of fields) {
				const show = shownFor.get(field) ?? { resource: [], operation: [] };
				addOnce(show.resource, resource);
				addOnce(show.operation, `${option.value}`);
				shownFor.set(field, show);
			}
	}
	for (const [field, show] of shownFor)
		for (const { resource, operations } of resources)
			for (const { option, fields } of operations)
				if (
					show.resource.includes(resource) &&
					show.operation.includes(`${option.value}`) &&
					!fields.includes(field)
				)
					throw new Error(`"${field.name}" would show for ${resource} → ${option.value}`);
	return [
		...resources.map(({ resource, defaultOperation, operations }) => ({
			displayName: 'Operation',
			name: 'operation',
			type: 'options' as const,
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(({ option }) => option).sort((x, y) => x.name.localeCompare(y.name)),
			default: defaultOperation,
		})),
		...mergeOrders(
			resources.flatMap(({ operations }) => operations.map(({ fields }) => fields)),
		).flatMap((field) => updateDisplayOptions({ show: shownFor.get(field)! }, [field])),
	];
}

function addOnce(list: string[], value: string): void {
	if (!list.includes(value)) list.push(value);
}

/** One list holding every field once that keeps each operation's order (the editor shows them in list order). */
function mergeOrders(orders: INodeProperties[][]): INodeProperties[] {
	const pending = orders.map((order) => [...order]);
	const merged: INodeProperties[] = [];
	for (;;) {
		const heads = pending.filter((order) => order.length > 0).map((order) => order[0]);
		if (heads.length === 0) return merged;
		const next = heads.find((field) => pending.every((order) => order.indexOf(field) <= 0));
		if (next === undefined)
			throw new Error('Two operations declare shared fields in different orders');
		merged.push(next);
		for (const order of pending) if (order[0] === next) order.shift();
	}
}

/**
 * The node's subtitle as the editor names things ("Accept · Invitation"), from the Resource and Operation options,
 * so that a new operation needs no table of its own.
 */
export function subtitleOf(resource: INodeProperties, operations: INodeProperties[]): string {
	const names: Record<string, string> = {};
	for (const resourceOption of resource.options ?? []) {
		if (!('value' in resourceOption)) continue;
		const operation = operations.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resourceOption.value),
		);
		for (const operationOption of operation?.options ?? []) {
			if ('value' in operationOption)
				names[`${String(resourceOption.value)}:${String(operationOption.value)}`] =
					`${operationOption.name} · ${resourceOption.name}`;
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
