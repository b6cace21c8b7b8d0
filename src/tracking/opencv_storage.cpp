#include "tracking/opencv_storage.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace smp {
namespace {

using Field = OpenCvStorage::Field;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// A number as YAML, XML or JSON writes it; YAML spells NaN and infinity .nan, .inf, -.inf.
bool to_number(std::string_view text, double& value) {
  text = trimmed(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const bool negative = !text.empty() && text.front() == '-';
  std::string lower;
  for (const char c : text.substr(negative)) lower += char(std::tolower(static_cast<unsigned char>(c)));
  if (lower == ".nan") return value = std::numeric_limits<double>::quiet_NaN(), true;
  if (lower == ".inf") return value = negative ? -HUGE_VAL : HUGE_VAL, true;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> items;
  size_t at = 0;
  while ((at = text.find_first_not_of(separators, at)) != std::string_view::npos) {
    const size_t end = std::min(text.size(), text.find_first_of(separators, at));
    items.emplace_back(trimmed(text.substr(at, end - at)));
    at = end;
  }
  return items;
}

// ---- YAML, as OpenCV writes it: "key: value" at the left margin, a matrix's parts indented below it.

// The line without its comment: a '#' outside quotes, at its start or after a space.
std::string_view without_comment(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) quote = c == quote ? 0 : quote;
    else if (c == '"' || c == '\'') quote = c;
    else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

std::map<std::string, Field> read_yaml(std::string_view text) {
  std::map<std::string, Field> fields;
  Field* current = nullptr;
  std::string data;  // a matrix's data, "[ ... ]" over one line or several
  bool in_data = false;
  const auto take_data = [&](std::string_view part) {  // up to the ']', if it has come
    const size_t close = part.find(']');
    data += std::string(part.substr(0, close)) + ",";
    if (close != std::string_view::npos) current->data = split(data, ", \t\r"), in_data = false;
  };
  int number = 0;
  for (size_t at = 0; at <= text.size(); ++number) {
    const size_t end = std::min(text.size(), text.find('\n', at));
    const std::string_view line = without_comment(text.substr(at, end - at));
    at = end + 1;
    if (in_data) {
      take_data(line);
      continue;
    }
    const auto bad = [&](const std::string& why) { return StorageError("line " + std::to_string(number + 1) + ": " + why); };
    const std::string_view content = trimmed(line);
    if (content.empty() || line.starts_with('%') || line.starts_with("---") || line.starts_with("...")) continue;
    const size_t colon = content.find(':');
    if (line.front() != ' ' && line.front() != '\t') {  // a field of its own
      if (colon == std::string_view::npos || colon == 0) throw bad("expected \"name: value\"");
      current = &(fields[std::string(trimmed(content.substr(0, colon)))] = Field{});
      const std::string_view value = trimmed(content.substr(colon + 1));
      if (value.starts_with("!!opencv-matrix")) current->is_matrix = true;
      else if (!value.starts_with("!!") && !value.starts_with('[') && !value.starts_with('{')) current->scalar = value;
      continue;
    }
    if (!current) throw bad("indented before any field");
    if (!current->is_matrix || colon == std::string_view::npos) continue;  // the inside of something not read
    const std::string_view key = trimmed(content.substr(0, colon)), value = trimmed(content.substr(colon + 1));
    if (key == "rows") current->rows = value;
    else if (key == "cols") current->cols = value;
    else if (key == "dt") current->dt = value;
    else if (key == "data") {
      if (!value.starts_with('[')) throw bad("a matrix's data must be a list [ ... ]");
      data.clear();
      in_data = true;
      take_data(value.substr(1));
    }
  }
  if (in_data) throw StorageError("a matrix's data has no closing ']'");
  return fields;
}

// ---- XML: <opencv_storage> holding one element per field; a matrix's parts are elements inside it.

struct Element {
  std::string name, type_id, text;
  std::vector<Element> children;
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view text) : text_(text) {}

  Element document() {
    skip_misc();
    Element root = element(0);
    skip_misc();
    if (at_ < text_.size()) fail("text after </" + root.name + ">");
    return root;
  }

 private:
  static constexpr int kMaxDepth = 16;  // a calibration needs 3; deeper is refused, never recursed into

  [[noreturn]] void fail(const std::string& why) const {
    int line = 1;
    for (size_t i = 0; i < std::min(at_, text_.size()); ++i) line += text_[i] == '\n';
    throw StorageError("line " + std::to_string(line) + ": " + why);
  }
  bool starts(std::string_view s) const { return text_.substr(at_, s.size()) == s; }
  void skip_past(std::string_view end) {
    const size_t found = text_.find(end, at_);
    if (found == std::string_view::npos) fail("no closing " + std::string(end));
    at_ = found + end.size();
  }
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  // Declarations, comments and doctypes between elements.
  void skip_misc() {
    for (skip_space(); starts("<?") || starts("<!"); skip_space()) skip_past(starts("<!--") ? "-->" : starts("<?") ? "?>" : ">");
  }
  std::string name() {
    const size_t start = at_;
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || std::string_view("_-.:").find(text_[at_]) != std::string_view::npos)) ++at_;
    if (at_ == start) fail("expected a name");
    return std::string(text_.substr(start, at_ - start));
  }

  Element element(int depth) {
    if (depth > kMaxDepth) fail("nested deeper than " + std::to_string(kMaxDepth));
    if (!starts("<")) fail("expected an element");
    ++at_;
    Element e;
    e.name = name();
    for (skip_space(); !starts(">") && !starts("/>"); skip_space()) {  // attributes: name="value"
      const std::string attribute = name();
      skip_space();
      if (!starts("=")) fail("expected = after " + attribute);
      ++at_;
      skip_space();
      if (!starts("\"") && !starts("'")) fail("expected a quoted value for " + attribute);
      const char quote = text_[at_++];
      const size_t end = text_.find(quote, at_);
      if (end == std::string_view::npos) fail("no closing quote");
      if (attribute == "type_id") e.type_id = text_.substr(at_, end - at_);
      at_ = end + 1;
    }
    if (starts("/>")) return at_ += 2, e;
    ++at_;
    while (true) {
      if (at_ >= text_.size()) fail("no closing </" + e.name + ">");
      if (starts("</")) {
        at_ += 2;
        if (name() != e.name) fail("</...> does not close <" + e.name + ">");
        skip_space();
        if (!starts(">")) fail("expected >");
        ++at_;
        return e;
      }
      if (starts("<!--")) skip_past("-->");
      else if (starts("<")) e.children.push_back(element(depth + 1));
      else {
        const size_t end = std::min(text_.size(), text_.find('<', at_));
        e.text += text_.substr(at_, end - at_);
        at_ = end;
      }
    }
  }

  std::string_view text_;
  size_t at_ = 0;
};

std::map<std::string, Field> read_xml(std::string_view text) {
  const Element root = XmlReader(text).document();
  if (root.name != "opencv_storage") throw StorageError("an OpenCV XML file holds <opencv_storage>, not <" + root.name + ">");
  std::map<std::string, Field> fields;
  for (const Element& e : root.children) {
    Field f;
    f.is_matrix = e.type_id == "opencv-matrix";
    if (!f.is_matrix && e.children.empty()) f.scalar = trimmed(e.text);
    if (f.is_matrix)
      for (const Element& part : e.children) {
        if (part.name == "rows") f.rows = trimmed(part.text);
        else if (part.name == "cols") f.cols = trimmed(part.text);
        else if (part.name == "dt") f.dt = trimmed(part.text);
        else if (part.name == "data") f.data = split(part.text, " \t\r\n");
      }
    fields[e.name] = std::move(f);
  }
  return fields;
}

// ---- JSON: one object; a matrix is an object with "type_id": "opencv-matrix".

std::map<std::string, Field> read_json(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw StorageError("not valid JSON, or not an object { ... }");
  const auto as_text = [](const nlohmann::json& v) -> std::string { return v.is_number() ? v.dump() : v.is_string() ? v.get<std::string>() : "?"; };
  std::map<std::string, Field> fields;
  for (const auto& item : j.items()) {
    const nlohmann::json& v = item.value();
    Field f;
    if (v.is_number()) f.scalar = v.dump();
    f.is_matrix = v.is_object() && v.value("type_id", nlohmann::json()) == "opencv-matrix";
    if (f.is_matrix) {
      f.rows = as_text(v.value("rows", nlohmann::json()));
      f.cols = as_text(v.value("cols", nlohmann::json()));
      f.dt = as_text(v.value("dt", nlohmann::json()));
      if (v.contains("data") && v.at("data").is_array())
        for (const nlohmann::json& x : v.at("data")) f.data.push_back(as_text(x));
    }
    fields[item.key()] = std::move(f);
  }
  return fields;
}

}  // namespace

OpenCvStorage::OpenCvStorage(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark
  const std::string_view start = trimmed(text);
  if (start.substr(0, 5) == "%YAML") fields_ = read_yaml(text);
  else if (start.substr(0, 1) == "<") fields_ = read_xml(text);
  else if (start.substr(0, 1) == "{") fields_ = read_json(text);
  else throw StorageError("not OpenCV YAML (starting %YAML:1.0), XML or JSON");
}

const Field& OpenCvStorage::field(const std::string& name) const {
  const auto found = fields_.find(name);
  if (found == fields_.end()) throw StorageError(name + ": missing");
  return found->second;
}

double OpenCvStorage::number(const std::string& name) const {
  double value = 0.0;
  if (!to_number(field(name).scalar, value)) throw StorageError(name + ": must be a number");
  return value;
}

StoredMatrix OpenCvStorage::matrix(const std::string& name, int max_numbers) const {
  const Field& f = field(name);
  const auto bad = [&](const std::string& why) { return StorageError(name + ": " + why); };
  if (!f.is_matrix) throw bad("must be an OpenCV matrix (!!opencv-matrix, type_id=\"opencv-matrix\")");
  double rows = 0.0, cols = 0.0;
  if (!to_number(f.rows, rows) || !to_number(f.cols, cols) || !(rows >= 1.0 && cols >= 1.0 && rows * cols <= max_numbers) ||
      rows != std::floor(rows) || cols != std::floor(cols))
    throw bad("rows and cols must be whole numbers, at most " + std::to_string(max_numbers) + " elements");
  std::string dt(f.dt);
  if (dt.size() >= 2 && (dt.front() == '"' || dt.front() == '\'') && dt.back() == dt.front()) dt = dt.substr(1, dt.size() - 2);
  if (dt.size() != 1 || std::string_view("ucwsifdh").find(dt[0]) == std::string_view::npos)
    throw bad("dt must be one number per element (u c w s i f d), not '" + f.dt + "'");
  StoredMatrix m{int(rows), int(cols), {}};
  if (f.data.size() != size_t(m.rows * m.cols))
    throw bad("data holds " + std::to_string(f.data.size()) + " numbers, not rows x cols = " + std::to_string(m.rows * m.cols));
  for (const std::string& item : f.data)
    if (!to_number(item, m.data.emplace_back())) throw bad("data: '" + item + "' is not a number");
  return m;
}

}  // namespace smp
