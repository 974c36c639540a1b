//! What the page would print that is not a number: every non-finite f64 in a snapshot as it is sent to the
//! page, and every text in it that writes one ("NaN", "inf").
//!
//! Serialising to JSON cannot tell: serde_json writes NaN and ±∞ as null, the same as a value that is not
//! there yet (`None`), which the page prints as "?" on purpose. So this walks the snapshot with serde itself
//! (the same fields, in the same shape, that `web::handle::to_js` sends) and sees each f64 before any
//! format has changed it. A field marked `skip_serializing` is not sent, so it is not read here either.

use std::fmt;

use serde::ser::{self, Serialize};

/// The path (`runs[2].last_output`) of every non-finite number and of every text that writes one.
pub fn non_finite(value: &impl Serialize) -> Vec<String> {
    let mut walker = Walker::default();
    if let Err(Fail(message)) = value.serialize(&mut walker) {
        walker
            .found
            .push(format!("serialisation failed: {message}"));
    }
    walker.found
}

/// A text that would show a number that is not one: the words sig4 and JavaScript write for them.
pub fn writes_non_finite(text: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| matches!(word, "NaN" | "inf" | "Infinity"))
}

#[derive(Default)]
struct Walker {
    path: Vec<String>,
    found: Vec<String>,
}

impl Walker {
    fn float(&mut self, v: f64) {
        if !v.is_finite() {
            self.found.push(format!("{} = {v}", self.path.join("")));
        }
    }

    fn text(&mut self, text: &str) {
        if writes_non_finite(text) {
            self.found
                .push(format!("{} = {text:?}", self.path.join("")));
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: String, value: &T) -> Result<(), Fail> {
        self.path.push(name);
        let result = value.serialize(&mut *self);
        self.path.pop();
        result
    }
}

#[derive(Debug)]
pub struct Fail(String);

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Fail(message.to_string())
    }
}

/// The scalars that cannot be anything but finite: nothing to check.
macro_rules! fine {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, _: $t) -> Result<(), Fail> {
            Ok(())
        })*
    };
}

impl ser::Serializer for &mut Walker {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fine!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
          serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_char: char,
          serialize_bytes: &[u8], serialize_unit_struct: &'static str);

    fn serialize_f32(self, v: f32) -> Result<(), Fail> {
        self.float(f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Fail> {
        self.float(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Fail> {
        self.text(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Fail> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Fail> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Fail> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Fail> {
        self.field(format!(".{variant}"), value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Fail> {
        self.path.push("[0]".into());
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Fail> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Fail> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Self, Fail> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Fail> {
        self.path.push(".?".into());
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Fail> {
        self.path.push(String::new());
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Fail> {
        self.path.push(String::new());
        Ok(self)
    }
}

/// A list's elements, each under its index: the path's last part is `[k]` while element k is read.
impl Walker {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        let result = value.serialize(&mut *self);
        if let Some(last) = self.path.last_mut() {
            let k: usize = last
                .trim_matches(|c| c == '[' || c == ']')
                .parse()
                .unwrap_or(0);
            *last = format!("[{}]", k + 1);
        }
        result
    }

    fn end(&mut self) -> Result<(), Fail> {
        self.path.pop();
        Ok(())
    }
}

macro_rules! elements {
    ($($trait:ident: $method:ident),*) => {
        $(impl ser::$trait for &mut Walker {
            type Ok = ();
            type Error = Fail;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
                self.element(value)
            }
            fn end(self) -> Result<(), Fail> {
                Walker::end(self)
            }
        })*
    };
}

elements!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
          SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for &mut Walker {
            type Ok = ();
            type Error = Fail;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
                self.field(format!(".{key}"), value)
            }
            fn end(self) -> Result<(), Fail> {
                Walker::end(self)
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for &mut Walker {
    type Ok = ();
    type Error = Fail;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Fail> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Fail> {
        Walker::end(self)
    }
}
