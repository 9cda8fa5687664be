-- Deletes one face with its vector, in its person's shard. Returns the face's photo reference id (the caller then
-- releases the reference in its own slot), 'changed' if the face is not the one the caller read, or false if unknown.
-- KEYS: 1 face, 2 person, 3 person's faces, 4 the shard's vector set of the face's model, 5 the shard's face count.
-- ARGV: 1 face id, 2 person id and 3 model id as the caller read them, 4 now (Unix ms)
local face = redis.call('HMGET', KEYS[1], 'person', 'model', 'reference')
if not face[1] then return false end
if face[1] ~= ARGV[2] or face[2] ~= ARGV[3] then return {'changed'} end
redis.call('VREM', KEYS[4], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
if redis.call('DECR', KEYS[5]) <= 0 then redis.call('DEL', KEYS[5]) end
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'updated', ARGV[4])
end
return {'deleted', face[3] or ''}
