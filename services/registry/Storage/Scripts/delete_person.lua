-- Deletes a person with every face and vector, in its shard. Returns {'deleted', reference, face id, ...} (the
-- caller then releases each reference in its own slot), {'changed'} if the person's faces are not the ones the
-- caller read (it reads again and retries), or false if the person is unknown.
-- KEYS: 1 person, 2 person's faces, 3 the shard's persons index, 4 the shard's face count, then per face: its hash and
--       its model's vector set.
-- ARGV: 1 person id, then the face ids in the order of KEYS
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local faces = #ARGV - 1
if redis.call('SCARD', KEYS[2]) ~= faces then return {'changed'} end
for i = 1, faces do
  if redis.call('SISMEMBER', KEYS[2], ARGV[i + 1]) == 0 then return {'changed'} end
end
local released = {'deleted'}
for i = 1, faces do
  local fid = ARGV[i + 1]
  local ref = redis.call('HGET', KEYS[3 + 2 * i], 'reference')
  redis.call('VREM', KEYS[4 + 2 * i], fid)
  redis.call('DEL', KEYS[3 + 2 * i])
  if ref and ref ~= '' then
    table.insert(released, ref)
    table.insert(released, fid)
  end
end
if faces > 0 and redis.call('DECRBY', KEYS[4], faces) <= 0 then redis.call('DEL', KEYS[4]) end
redis.call('DEL', KEYS[2], KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return released
