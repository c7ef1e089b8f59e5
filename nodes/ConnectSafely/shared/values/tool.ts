// The node as an AI agent's tool: n8n runs its generated `<name>Tool` variant, with values the model gives through
// $fromAI() expressions; the agent's item, not a previous node's, is the incoming item.

/** How the type of a node's tool variant ends (`node.type.endsWith(TOOL_SUFFIX)`). */
export const TOOL_SUFFIX = 'Tool';

/** What a field description adds about the tool variant. */
export const AS_TOOL = 'as an AI tool, let the model define it';

/** The hint of an empty field in the tool variant. */
export const EMPTY_AS_TOOL =
	'As an AI tool, a field gets the model’s value only through $fromAI(): choose "Let the model define this parameter" next to it.';
