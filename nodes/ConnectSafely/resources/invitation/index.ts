import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as accept } from './accept';
import { operation as getReceived } from './getReceived';
import { operation as getSent } from './getSent';
import { operation as ignore } from './ignore';
import { operation as withdraw } from './withdraw';

export const invitationResource = resourceOperations('invitation', 'getReceived', [
	accept,
	getReceived,
	getSent,
	ignore,
	withdraw,
]);
