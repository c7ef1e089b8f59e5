import { resourceOperations } from '../../shared';
import * as accept from './accept';
import * as getReceived from './getReceived';
import * as getSent from './getSent';
import * as ignore from './ignore';
import * as withdraw from './withdraw';

export const invitationDescription = resourceOperations('invitation', 'getReceived', [
	accept.operation,
	getReceived.operation,
	getSent.operation,
	ignore.operation,
	withdraw.operation,
]);
