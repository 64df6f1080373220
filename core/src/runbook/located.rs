//! JSON read with the line of every value and member, so that a check can say where in the
//! file the offending key is. Only for files serde_json already accepted: it answers `None`
//! for anything else rather than explaining the syntax error (serde_json does that).

/// Deeper documents are not content; serde_json stops at the same depth.
const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number,
    String(String),
    Array(Vec<Located>),
    Object(Vec<Member>),
}

/// A value and the line (1-based) where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Located {
    pub line: usize,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Member {
    pub key: String,
    /// The line of the key.
    pub line: usize,
    pub value: Located,
}

impl Located {
    pub fn get(&self, key: &str) -> Option<&Located> {
        self.member(key).map(|m| &m.value)
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The line of member `key`, or this value's own line when it has none.
    pub fn line_of(&self, key: &str) -> usize {
        self.member(key).map_or(self.line, |m| m.line)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Located] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }
}

pub(crate) fn parse(text: &str) -> Option<Located> {
    let mut reader = Reader {
        chars: text.chars().peekable(),
        line: 1,
    };
    let value = reader.value(0)?;
    reader.skip_space();
    reader.chars.peek().is_none().then_some(value)
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.next();
        }
    }

    fn expect(&mut self, want: char) -> Option<()> {
        self.skip_space();
        (self.next()? == want).then_some(())
    }

    fn value(&mut self, depth: usize) -> Option<Located> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let line = self.line;
        let value = match *self.chars.peek()? {
            '{' => self.object(depth)?,
            '[' => self.array(depth)?,
            '"' => Value::String(self.string()?),
            't' => self.word("true", Value::Bool(true))?,
            'f' => self.word("false", Value::Bool(false))?,
            'n' => self.word("null", Value::Null)?,
            '-' | '0'..='9' => {
                while self
                    .chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                {
                    self.next();
                }
                Value::Number
            }
            _ => return None,
        };
        Some(Located { line, value })
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        for want in word.chars() {
            (self.next()? == want).then_some(())?;
        }
        Some(value)
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.expect('{')?;
        let mut members = Vec::new();
        self.skip_space();
        if self.chars.peek() == Some(&'}') {
            self.next();
            return Some(Value::Object(members));
        }
        loop {
            self.skip_space();
            let line = self.line;
            let key = self.string()?;
            self.expect(':')?;
            let value = self.value(depth + 1)?;
            members.push(Member { key, line, value });
            self.skip_space();
            match self.next()? {
                ',' => continue,
                '}' => return Some(Value::Object(members)),
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.expect('[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.chars.peek() == Some(&']') {
            self.next();
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.next()? {
                ',' => continue,
                ']' => return Some(Value::Array(items)),
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            n = n * 16 + self.next()?.to_digit(16)?;
        }
        Some(n)
    }

    fn string(&mut self) -> Option<String> {
        self.skip_space();
        (self.next()? == '"').then_some(())?;
        let mut out = String::new();
        loop {
            match self.next()? {
                '"' => return Some(out),
                '\\' => match self.next()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let high = self.hex4()?;
                        let code = if (0xD800..0xDC00).contains(&high) {
                            (self.next()? == '\\' && self.next()? == 'u').then_some(())?;
                            let low = self.hex4()?;
                            0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?)
                        } else {
                            high
                        };
                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_keys_and_values() {
        let text = "{\n  \"root\": \"a\",\n  \"nodes\": [\n    {\"id\": \"a\"},\n    {\n      \"id\": \"b\\u00e9\\ud83d\\ude00\"\n    }\n  ]\n}\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.line_of("root"), 2);
        let nodes = doc.get("nodes").unwrap();
        assert_eq!(nodes.line, 3);
        assert_eq!(nodes.items()[0].line_of("id"), 4);
        assert_eq!(nodes.items()[1].line, 5);
        assert_eq!(nodes.items()[1].line_of("id"), 6);
        assert_eq!(nodes.items()[1].get("id").unwrap().as_str(), Some("bé😀"));
        assert_eq!(doc.line_of("missing"), 1);
    }

    #[test]
    fn scalars_and_nesting() {
        let doc = parse("[true, false, null, -1.5e3, \"x\\\"y\", {}, []]").unwrap();
        assert_eq!(doc.items().len(), 7);
        assert_eq!(doc.items()[4].as_str(), Some("x\"y"));
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "1 2", &"[".repeat(200)] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
