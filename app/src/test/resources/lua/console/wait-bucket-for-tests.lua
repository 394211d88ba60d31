-- needs: shared/wait-histogram.lua
-- Tests only: the bucket admit.lua files each wait of ARGV (ms) under.
local buckets = {}
for i = 1, #ARGV do
  buckets[i] = waitBucket(tonumber(ARGV[i]))
end
return buckets
