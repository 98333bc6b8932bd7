-- wrk script: send the account token from GLOSSIA_TOKEN as a Bearer header.
-- The token never appears on a command line or in wrk's output.
local token = os.getenv("GLOSSIA_TOKEN")
if token == nil or token == "" then
  error("GLOSSIA_TOKEN is not set")
end
wrk.headers["Authorization"] = "Bearer " .. token
