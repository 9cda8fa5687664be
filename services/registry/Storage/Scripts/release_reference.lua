-- Releases a photo reference if it still names the given face (an undone enrollment, a deleted face). Returns 1 if
-- released, 0 if another face holds it or nobody does.
-- KEYS: 1 reference. ARGV: 1 face id
if redis.call('HGET', KEYS[1], 'face') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
