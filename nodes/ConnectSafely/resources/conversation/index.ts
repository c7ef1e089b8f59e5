import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getMany } from './getMany';
import { operation as getMessages } from './getMessages';

export const conversationDescription = resourceOperations('conversation', 'getMany', [
	getMany,
	getMessages,
]);
