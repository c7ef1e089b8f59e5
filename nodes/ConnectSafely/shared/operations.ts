import type {
	DeclarativeRestApiSettings,
	INodeProperties,
	INodePropertyOptions,
	INodeRequestSend,
	PreSendAction,
} from 'n8n-workflow';

import { writeOne, type WriteSpec } from './execution';
import { dropEmptyValues, pagedList, type ListSpec } from './routing';
import { writeSteps } from './writeGate';

type Routing = NonNullable<INodePropertyOptions['routing']>;
type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/** One operation, declared in its own file: its entry in the Operation list (with routing) and its fields. */
export interface Operation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

/** A write: the ordered write gate, the operation's own checks, then the one write path (pacing, quotas, output). */
export function writeRouting(request: Request, checks: PreSendAction[], spec: WriteSpec): Routing {
	const send: INodeRequestSend = {
		preSend: writeSteps(dropEmptyValues, ...checks),
		paginate: true,
	};
	return { request, send, operations: { pagination: writeOne(spec) } };
}

/** A list: paged until it ends (Return All) or Limit is reached. */
export function listRouting(request: Request, spec: ListSpec): Routing {
	return { request, send: { paginate: true }, operations: { pagination: pagedList(spec) } };
}

/** The Operation parameter of a resource, followed by the fields of each operation. */
export function resourceOperations(
	resource: string,
	defaultOperation: string,
	operations: Operation[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(({ option }) => option).sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...operations.flatMap(({ fields }) => fields),
	];
}
