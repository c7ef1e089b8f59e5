export interface JsonSchema {
	type: string | string[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
}

/** The schema of output items (their json), merged over all of them. */
export function schemaOf(items: unknown[]): JsonSchema;
/** Where `value` does not fit `schema` ('$.path: problem'; properties the schema does not declare are allowed); [] when it fits. */
export function mismatches(schema: JsonSchema, value: unknown, at?: string): string[];
