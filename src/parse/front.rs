//! Front matter: a YAML (`---`) or TOML (`+++`) metadata block opening a
//! file. quire reads its `title` (the part's title) and `id` (the part's
//! id, for file names and links); other keys are reported once and left.

use toml::Value;
use yaml_rust2::{Yaml, YamlLoader};

/// What a file's front matter says about its part.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// The part's title.
    pub title: Option<String>,
    /// The part's id.
    pub id: Option<String>,
    /// The keys quire does not use, in the order written.
    pub unused: Vec<String>,
}

/// Reads a metadata block's text, YAML unless `toml`. The error says what
/// is wrong and, where the reader knows it, on which line of the block
/// (1 for its first line of content).
pub fn read(text: &str, toml: bool) -> Result<FrontMatter, (String, usize)> {
    let pairs = if toml {
        toml_pairs(text)?
    } else {
        yaml_pairs(text)?
    };
    let mut front = FrontMatter::default();
    for (key, value) in pairs {
        match (key.as_str(), value) {
            ("title", Some(v)) => front.title = Some(v),
            ("id", Some(v)) => front.id = Some(v),
            ("title" | "id", None) => {
                return Err((format!("front matter `{key}` must be a string"), 1))
            }
            _ => front.unused.push(key),
        }
    }
    Ok(front)
}

/// Each top-level key with its value when that is a string or a number.
type Pairs = Vec<(String, Option<String>)>;

/// A problem, with the line of the block it is on.
type Problem = (String, usize);

fn yaml_pairs(text: &str) -> Result<Pairs, Problem> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| {
        (
            format!("front matter is not valid YAML: {e}"),
            e.marker().line(),
        )
    })?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Vec::new());
    };
    let Yaml::Hash(map) = doc else {
        return match doc {
            Yaml::Null => Ok(Vec::new()),
            _ => Err(("front matter must be `key: value` lines".into(), 1)),
        };
    };
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            let key = match k {
                Yaml::String(s) => s,
                other => format!("{other:?}"),
            };
            let value = match v {
                Yaml::String(s) | Yaml::Real(s) => Some(s),
                Yaml::Integer(n) => Some(n.to_string()),
                _ => None,
            };
            (key, value)
        })
        .collect())
}

fn toml_pairs(text: &str) -> Result<Pairs, Problem> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        (
            format!("front matter is not valid TOML: {}", e.message()),
            line,
        )
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| {
            let value = match v {
                Value::String(s) => Some(s),
                Value::Integer(n) => Some(n.to_string()),
                Value::Float(f) => Some(f.to_string()),
                _ => None,
            };
            (k, value)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_give_title_and_id() {
        let yaml = read("title: \"A: B\"\nid: start\nauthor: X\n", false).unwrap();
        assert_eq!(yaml.title.as_deref(), Some("A: B"));
        assert_eq!(yaml.id.as_deref(), Some("start"));
        assert_eq!(yaml.unused, ["author"]);
        let toml = read("title = \"T\"\nid = \"x\"\n", true).unwrap();
        assert_eq!(toml.title.as_deref(), Some("T"));
        assert_eq!(toml.id.as_deref(), Some("x"));
        assert_eq!(read("", false).unwrap(), FrontMatter::default());
    }

    #[test]
    fn bad_front_matter_is_an_error_with_a_line() {
        let (message, line) = read("title: ok\nid: [unclosed\n", false).unwrap_err();
        assert!(
            message.starts_with("front matter is not valid YAML"),
            "{message}"
        );
        assert!(line >= 2, "{line}");
        let (message, line) = read("title = \"ok\"\nid = \n", true).unwrap_err();
        assert!(
            message.starts_with("front matter is not valid TOML"),
            "{message}"
        );
        assert_eq!(line, 2);
        assert!(read("title: [a, b]\n", false)
            .unwrap_err()
            .0
            .contains("must be a string"));
        assert!(read("- a\n- b\n", false).is_err());
    }
}
