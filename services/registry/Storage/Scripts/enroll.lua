-- Enrolls one face in its person's shard, all or nothing. Checks first, then writes; if a write fails (or a test
-- injects a fault), the writes already made are undone before the error is returned. No other client sees the
-- intermediate state: a script runs alone. Redis logs the script's effects as one MULTI/EXEC in the AOF, so a crash
-- part-way leaves nothing either. Every key is in KEYS and shares the shard's hash tag (one cluster slot); the photo
-- reference is claimed and confirmed around this script, in its own slot (FaceStore).
-- KEYS: 1 person, 2 the shard's persons index, 3 person's faces, 4 face, 5 the shard's vector set of the model,
--       6 the shard's face count
-- ARGV: 1 mode (create|existing), 2 person id, 3 face id, 4 name, 5 tags JSON, 6 attributes JSON,
--       7 now (Unix ms), 8 model id, 9 box JSON, 10 quality, 11 reference id, 12 detect id,
--       13 FP32 vector blob, 14 dimension, 15 quantization, 16 build EF (0 = default),
--       17 M (0 = default), 18 fault after step (0 = none)
local create = ARGV[1] == 'create'
local pid, fid, ref = ARGV[2], ARGV[3], ARGV[11]
local fault_after = tonumber(ARGV[18])

if create then
  if redis.call('EXISTS', KEYS[1]) == 1 then return {'person_exists'} end
elseif redis.call('EXISTS', KEYS[1]) == 0 then
  return {'person_not_found'}
end
if redis.call('EXISTS', KEYS[4]) == 1 then return {'face_exists'} end
if redis.call('EXISTS', KEYS[5]) == 1 then
  local dim = redis.call('VDIM', KEYS[5])
  if dim ~= tonumber(ARGV[14]) then return {'dimension_mismatch', tostring(dim)} end
end

local done = {}
local function fault(step)
  if fault_after == step then error('injected fault after step ' .. step) end
end

local ok, err = pcall(function()
  if create then
    redis.call('HSET', KEYS[1], 'name', ARGV[4], 'tags', ARGV[5], 'attributes', ARGV[6], 'created', ARGV[7], 'updated', ARGV[7])
    redis.call('ZADD', KEYS[2], 0, pid)
    done.person = true
  end
  fault(1)
  redis.call('HSET', KEYS[4], 'person', pid, 'model', ARGV[8], 'box', ARGV[9], 'quality', ARGV[10],
    'reference', ref, 'detect', ARGV[12], 'created', ARGV[7], 'vector', ARGV[13])
  done.face = true
  fault(2)
  redis.call('SADD', KEYS[3], fid)
  done.member = true
  fault(3)
  local args = {'VADD', KEYS[5], 'FP32', ARGV[13], fid, ARGV[15]}
  if ARGV[16] ~= '0' then table.insert(args, 'EF'); table.insert(args, ARGV[16]) end
  table.insert(args, 'SETATTR'); table.insert(args, cjson.encode({person = pid}))
  if ARGV[17] ~= '0' then table.insert(args, 'M'); table.insert(args, ARGV[17]) end
  redis.call(unpack(args))
  done.vector = true
  redis.call('INCR', KEYS[6])
  done.count = true
  fault(4)
  if not create then redis.call('HSET', KEYS[1], 'updated', ARGV[7]) end
end)

if not ok then
  if done.count and redis.call('DECR', KEYS[6]) <= 0 then redis.call('DEL', KEYS[6]) end
  if done.vector then redis.call('VREM', KEYS[5], fid) end
  if done.member then redis.call('SREM', KEYS[3], fid) end
  if done.face then redis.call('DEL', KEYS[4]) end
  if done.person then
    redis.call('DEL', KEYS[1])
    redis.call('ZREM', KEYS[2], pid)
  end
  local message = type(err) == 'table' and (err.err or 'error') or tostring(err)
  return {'rolled_back', message}
end
return {'ok'}
