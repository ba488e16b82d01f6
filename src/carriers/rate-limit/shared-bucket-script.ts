// The shared token bucket, as a Redis script: one atomic step refills a connector's bucket for the
// time since its last step (by Redis's own clock, so workers whose clocks disagree by minutes still
// share one pace), then hands out up to `want` whole tokens. It answers {taken, waitMs}: waitMs is
// how long until the next whole token when it could not give all that was asked.
//
// KEYS[1] the bucket; ARGV: tokens per second, capacity, tokens wanted, key lifetime (ms).
export const TAKE_TOKENS_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
  at = now
end
local taken = math.min(want, math.floor(tokens + 1e-9))
tokens = tokens - taken
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local waitMs = 0
if taken < want then
  waitMs = math.ceil((1 - (tokens - math.floor(tokens))) * 1000 / rate)
end
return {taken, waitMs}
`;
