// Public surface of porm's guarded outbound HTTP client. Import from here, not from the parts.
export { safeRequest } from './safe-request.ts';
export { validateOutboundUrl } from './validate-url.ts';
export { literalPrivateTarget } from './literal-target.ts';
export { classifyAddress, isPublicAddress, type AddressVerdict } from './ip-policy.ts';
export { OutboundError, isOutboundError, isPermanentOutboundError } from './outbound-error.ts';
export { netErrors, type NetErrorCode } from './errors.ts';
export type {
  OutboundHooks,
  OutboundMethod,
  OutboundPolicy,
  OutboundRequest,
  OutboundResponse,
  OutboundTimings,
  ResolvedAddress,
  Resolver,
} from './policy.ts';
