-- Deletes one face with its vector and photo reference. Returns the person id, or false if unknown.
-- KEYS: 1 face. ARGV: 1 key prefix, 2 face id, 3 now (Unix ms)
local face = redis.call('HMGET', KEYS[1], 'person', 'model', 'reference', 'vectors')
local pid, model, ref, vectors = face[1], face[2], face[3], face[4]
if not pid then return false end
local prefix, fid = ARGV[1], ARGV[2]
-- Faces enrolled before sharding have no 'vectors' field: they live in the model's unsharded set.
redis.call('VREM', vectors or (prefix .. ':vectors:' .. model), fid)
if ref and ref ~= '' and redis.call('GET', prefix .. ':ref:' .. ref) == fid then
  redis.call('DEL', prefix .. ':ref:' .. ref)
end
redis.call('SREM', prefix .. ':person:' .. pid .. ':faces', fid)
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', prefix .. ':person:' .. pid) == 1 then
  redis.call('HSET', prefix .. ':person:' .. pid, 'updated', ARGV[3])
end
return pid
