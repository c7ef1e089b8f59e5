import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getMany } from './getMany';
import { operation as getStatus } from './getStatus';
import { operation as sendRequest } from './sendRequest';

export const connectionResource = resourceOperations('connection', 'sendRequest', [
	getMany,
	getStatus,
	sendRequest,
]);
