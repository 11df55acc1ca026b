-- A small expectation library for crescent's Lua specs: describe/it blocks, expect(x):to_be(y).
local spec = { passed = 0, failed = 0 }

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

function spec.it(name, body)
  local ok, err = pcall(body)
  if ok then
    spec.passed = spec.passed + 1
  else
    spec.failed = spec.failed + 1
    io.stderr:write("FAILED: ", name, "\n  ", tostring(err), "\n")
  end
end

function spec.expect(actual)
  local e = {}
  function e.to_be(expected)
    if actual ~= expected then error("expected " .. show(expected) .. ", got " .. show(actual), 2) end
  end
  function e.to_be_near(expected, tolerance)
    if math.abs(actual - expected) > (tolerance or 1e-9) then
      error("expected " .. show(expected) .. " ± " .. show(tolerance or 1e-9) .. ", got " .. show(actual), 2)
    end
  end
  function e.to_fail_with(fragment)
    local ok, err = pcall(actual)
    if ok then error("expected an error containing " .. show(fragment), 2) end
    if not tostring(err):find(fragment, 1, true) then
      error("expected an error containing " .. show(fragment) .. ", got " .. show(err), 2)
    end
  end
  return e
end

function spec.finish()
  print(string.format("%d passed, %d failed", spec.passed, spec.failed))
  if spec.failed > 0 then os.exit(1) end
end

return spec
