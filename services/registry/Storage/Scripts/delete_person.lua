-- Deletes a person with every face, vector and photo reference. Returns the number of faces, or -1
-- if the person is unknown.
-- KEYS: 1 person, 2 person's faces, 3 persons index. ARGV: 1 key prefix, 2 person id
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local prefix = ARGV[1]
local faces = redis.call('SMEMBERS', KEYS[2])
for _, fid in ipairs(faces) do
  local face = redis.call('HMGET', prefix .. ':face:' .. fid, 'model', 'reference', 'vectors')
  -- Faces enrolled before sharding have no 'vectors' field: they live in the model's unsharded set.
  if face[3] then redis.call('VREM', face[3], fid)
  elseif face[1] then redis.call('VREM', prefix .. ':vectors:' .. face[1], fid) end
  if face[2] and face[2] ~= '' and redis.call('GET', prefix .. ':ref:' .. face[2]) == fid then
    redis.call('DEL', prefix .. ':ref:' .. face[2])
  end
  redis.call('DEL', prefix .. ':face:' .. fid)
end
redis.call('DEL', KEYS[2], KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[2])
return #faces
