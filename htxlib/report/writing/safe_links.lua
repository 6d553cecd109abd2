-- The link and image rules of the review copy, applied to what pandoc writes into Word.
-- A link keeps its target only when it is a web page, a mail address or a place in the
-- document; any other (file:, javascript:, a path, an SMB share) leaves its words as text.
-- An image stays only when the run drew it (a chart, embedded as a PNG data URI); nothing
-- raw passes through to the Word file.
local function allowed(url)
  local u = url:lower():gsub("^%s+", "")
  return u:match("^https?://") or u:match("^mailto:") or u:sub(1, 1) == "#"
end

function Link(el)
  if not allowed(el.target) then
    return el.content
  end
end

function Image(el)
  if not el.src:match("^data:image/png;base64,") then
    return {}
  end
end

function RawInline()
  return {}
end

function RawBlock()
  return {}
end
