import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as send } from './send';

export const messageDescription = resourceOperations('message', 'send', [send]);
