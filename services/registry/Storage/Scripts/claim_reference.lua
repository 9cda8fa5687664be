-- Claims a photo reference for a face about to be enrolled, in the reference's own slot. Returns {'claimed'}, or
-- {'held', face, person, state, claimed} when another face holds it. With ARGV[5] (a face id the caller found to be
-- stale: deleted, or an abandoned claim) the claim replaces the record only if it still names that face.
-- KEYS: 1 reference. ARGV: 1 face id, 2 person id, 3 now (Unix ms), 4 shard, 5 stale face id or ''
local held = redis.call('HMGET', KEYS[1], 'face', 'person', 'state', 'claimed')
if held[1] and held[1] ~= ARGV[5] then
  return {'held', held[1], held[2] or '', held[3] or '', held[4] or '0'}
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'face', ARGV[1], 'person', ARGV[2], 'state', 'claimed', 'claimed', ARGV[3], 'shard', ARGV[4])
return {'claimed'}
