// The node as an AI agent's tool, through n8n-core's own tool invocation: in-process (older agents, one execute per
// call with the agent's execute data) and as node executions of their own (the Tools Agent V3 on n8n 2.x).
import type { INodeParameters } from 'n8n-workflow';

import { makeConnection } from '../dev/fake-api';
import { hasEngineRequests, runToolCalls, type ToolWay } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const ways: ToolWay[] = hasEngineRequests() ? ['inProcess', 'engineRequest'] : ['inProcess'];

const readTool = {
	name: 'Get_Connections',
	parameters: {
		resource: 'connection',
		operation: 'getMany',
		limit: '={{ $fromAI("limit", "How many", "number") }}',
	} as INodeParameters,
};

describe.each(ways)('as a tool (%s)', (way) => {
	test('a read', async () => {
		const run = await runToolCalls({
			way,
			tools: [readTool],
			turns: [[{ tool: 'Get_Connections', args: { limit: 2 } }]],
			credentials: f.credentials,
			loader: await f.process(),
		});
		expect(run.error).toBeUndefined();
		expect(run.responses[0][0].response?.map((c) => c.vanityName)).toEqual([
			makeConnection(0).vanityName,
			makeConnection(1).vanityName,
		]);
	});
});
