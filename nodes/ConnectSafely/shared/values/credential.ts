/** The credential type the nodes use (credentials/ConnectSafelyOutreachApi.credentials.ts declares it). */
export const CREDENTIAL_TYPE = 'connectSafelyOutreachApi';

/** How messages name it, as the editor shows it. */
export const THE_CREDENTIAL = 'the "ConnectSafely Outreach API" credential';
