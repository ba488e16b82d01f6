/**
 * MM7 has no way to say "you sent this one already". porm's sandbox MMSC answers a repeated
 * SubmitReq (same TransactionID) with success and this text in Status/Details, and the MM7
 * connector reports such an answer as a duplicate. Any MMSC may use it; only the sandbox does.
 */
export const DUPLICATE_DETAILS = 'porm-sandbox:duplicate-submission';
