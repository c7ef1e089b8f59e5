import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getMany } from './getMany';
import { operation as getMessages } from './getMessages';

export const conversationResource = resourceOperations('conversation', 'getMany', [
	getMany,
	getMessages,
]);
