// A scripted OpenAI-compatible chat model on 127.0.0.1 (POST /v1/chat/completions, GET /v1/models), for running n8n's
// own AI Agent offline: point an OpenAI credential's Base URL at `url`. Each answer is the next turn of the script,
// chosen by how many assistant messages the conversation already holds (the server keeps no session): a turn is a
// list of tool calls ({ name, arguments }) or a final text. Streams (SSE) when the request asks for it.
'use strict';

const http = require('http');

function toolCallsOf(turn, index) {
	return turn.toolCalls.map((call, i) => ({
		id: `call_${index}_${i}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
	}));
}

function completion(body, turn, index) {
	const message = turn.toolCalls
		? { role: 'assistant', content: null, tool_calls: toolCallsOf(turn, index) }
		: { role: 'assistant', content: turn.text };
	return {
		id: `chatcmpl-fake-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [{ index: 0, message, finish_reason: turn.toolCalls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

function streamed(res, body, turn, index) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finish) =>
		`data: ${JSON.stringify({
			id: `chatcmpl-fake-${index}`,
			object: 'chat.completion.chunk',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	const delta = turn.toolCalls
		? {
				role: 'assistant',
				content: null,
				tool_calls: toolCallsOf(turn, index).map((call, i) => ({ index: i, ...call })),
			}
		: { role: 'assistant', content: turn.text };
	res.write(chunk(delta, null));
	res.write(chunk({}, turn.toolCalls ? 'tool_calls' : 'stop'));
	res.end('data: [DONE]\n\n');
}

/**
 * @param {{ turns: Array<{ toolCalls: Array<{ name: string, arguments?: object }> } | { text: string }>,
 *   onRequest?: (body: object, turnIndex: number) => void }} options
 */
function startFakeModel(options) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (data) => (raw += data));
		req.on('end', () => {
			const send = (status, value) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.method === 'GET' && req.url === '/v1/models')
				return send(200, { object: 'list', data: [{ id: 'fake-model', object: 'model' }] });
			if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
				return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, { error: { message: 'invalid JSON' } });
			}
			const index = (body.messages ?? []).filter((m) => m.role === 'assistant').length;
			requests.push({ body, turn: index });
			options.onRequest?.(body, index);
			const turn = options.turns[index] ?? { text: 'Done.' };
			const offered = (body.tools ?? []).map((t) => t.function?.name);
			const unknown = (turn.toolCalls ?? []).find((call) => !offered.includes(call.name));
			if (unknown)
				return send(400, {
					error: { message: `the script calls ${unknown.name}; offered: ${offered.join(', ')}` },
				});
			if (body.stream) return streamed(res, body, turn, index);
			return send(200, completion(body, turn, index));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				requests,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

module.exports = { startFakeModel };
