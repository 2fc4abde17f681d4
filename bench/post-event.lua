-- wrk script: POST one valid event per request to the ingestion endpoint (ids are made by the API).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"bench.event","source":"wrk","data":{"payload":"0123456789abcdef"}}'

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write("status counts are per-thread in wrk; see the server's own counters\n")
end
