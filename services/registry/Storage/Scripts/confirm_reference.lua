-- Confirms a photo reference once its face is written. Returns {'confirmed'}, or {'held', face} when another face
-- took the reference over (the caller then undoes its face). A record lost meanwhile (a failover that dropped the
-- claim) is written again, confirmed.
-- KEYS: 1 reference. ARGV: 1 face id, 2 person id, 3 now (Unix ms), 4 shard
local face = redis.call('HGET', KEYS[1], 'face')
if face and face ~= ARGV[1] then return {'held', face} end
if face then
  redis.call('HSET', KEYS[1], 'state', 'confirmed')
else
  redis.call('HSET', KEYS[1], 'face', ARGV[1], 'person', ARGV[2], 'state', 'confirmed', 'claimed', ARGV[3], 'shard', ARGV[4])
end
return {'confirmed'}
