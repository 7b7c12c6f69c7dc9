/** RFC 3161 timestamps from a network TSA. See tsa-client.ts and README.md. */
export {
  DEFAULT_TSA_TIMEOUT_MS,
  TsaRejected,
  TsaUnavailable,
  buildTimestampRequest,
  parseTimestampResponse,
  requestTimestamp,
  requestTimestampForDigest,
  tsaDocumentTimestamper,
  tsaTimestamper,
  type TimestampRequestOptions,
} from './tsa-client.js';
