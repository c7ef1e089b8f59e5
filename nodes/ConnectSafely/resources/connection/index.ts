import { resourceOperations } from '../../shared';
import * as getStatus from './getStatus';
import * as sendRequest from './sendRequest';

export const connectionDescription = resourceOperations('connection', 'sendRequest', [
	getStatus.operation,
	sendRequest.operation,
]);
