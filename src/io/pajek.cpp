// Pajek .net, as Pajek, networkx and igraph write it:
//   *Vertices n                    then lines  i "label" [x y z …]     (i from 1 to n)
//   *Edges | *Arcs [:k "kind"]     then lines  i j [weight] [l "kind"] [other drawing keys]
//   *Edgeslist | *Arcslist         then lines  i j k …                 (i joined to j, k, …)
// Lines starting with '%' are comments; section names are case-insensitive.
//
// The label is the stakeholder id: Pajek has nowhere else for it. A tie's kind is its `l`
// (label) value, else the name of its relation (`*Arcs :2 "visit"`), else the default. The
// writer keeps kinds as `l "kind"` on each line of one *Edges or *Arcs section, not as one
// section per relation, because networkx reads every line after the first section header as
// an edge (it would read the next header as a tie between "*Arcs" and ":2"), and because one
// section keeps the ties in their order.
//
// Pajek holds no names, attributes, dates or tie attributes: the writer leaves them out with
// one warning per kind of data. A label holds no '"' or line break: the writer replaces them
// (" → ', line break → space), reports each, and numbers labels that then clash ("x (2)").

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "clusterscope/io/formats.hpp"

namespace clusterscope::io {

namespace {

// Guards against a typing error such as "*Vertices 50000000": every vertex becomes a
// stakeholder, listed or not.
constexpr std::size_t kMaxVertices = 1'000'000;
// Vertices a file may declare beyond one per byte of the file (docs/DATA_FORMATS.md, "Limits").
// A vertex that is listed or joined by a tie takes at least a byte to write, so only unlisted
// isolates need this allowance; "*Vertices 1000000" alone in 18 bytes would otherwise make a
// million stakeholders (600 MB) out of nothing.
constexpr std::size_t kFreeVertices = 10'000;

struct Token {
  std::string_view text;  ///< without the quotes of a quoted word
  bool quoted = false;
  std::size_t column = 0;
  std::size_t end_column = 0;  ///< column just past the token
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// One line of a Pajek file split into words and "quoted words" (Pajek has no escapes).
/// `open_quote` is set to the column of a quote that is never closed.
std::vector<Token> split_line(std::string_view line, std::size_t& open_quote) {
  std::vector<Token> tokens;
  std::size_t column = 1;
  std::size_t i = 0;
  const auto step = [&] {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
    ++i;
  };
  const auto blank = [&] { return line[i] == ' ' || line[i] == '\t' || line[i] == '\r'; };
  open_quote = 0;
  while (i < line.size()) {
    if (blank()) {
      step();
      continue;
    }
    Token token;
    token.column = column;
    token.quoted = line[i] == '"';
    if (token.quoted) {
      step();
      const std::size_t start = i;
      while (i < line.size() && line[i] != '"')
        step();
      if (i == line.size()) {
        open_quote = token.column;
        return tokens;
      }
      token.text = line.substr(start, i - start);
      step();
    } else {
      const std::size_t start = i;
      while (i < line.size() && !blank())
        step();
      token.text = line.substr(start, i - start);
    }
    token.end_column = column;
    tokens.push_back(token);
  }
  return tokens;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A vertex number or count: nullopt when `text` is not digits; the largest size_t when it is too large
/// for any use (so that it is reported as out of range, not as "not a number").
std::optional<std::size_t> parse_count(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;
  std::size_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc{} ? value : std::numeric_limits<std::size_t>::max();
}

// ---------------------------------------------------------------------------------------------
// Reading

class PajekReader {
 public:
  PajekReader(const SourceText& source, NetworkBuilder& builder) : source_(source), builder_(builder) {}
  void read();

 private:
  enum class Section { none, vertices, edges, arcs, edges_list, arcs_list, skipped };
  struct VertexLine {
    std::string label;
    std::size_t line = 0;
    std::size_t column = 0;
  };

  const SourceText& source_;
  NetworkBuilder& builder_;
  Section section_ = Section::none;
  std::size_t line_ = 0;
  std::size_t count_ = 0;  ///< the *Vertices count
  std::size_t vertices_line_ = 0;
  bool vertices_seen_ = false;
  bool vertices_added_ = false;
  bool broken_ = false;            ///< the vertex count is unreadable: nothing else can be checked
  bool missing_reported_ = false;  ///< "missing *Vertices" said once
  std::vector<std::optional<VertexLine>> vertex_lines_;
  std::vector<std::string> ids_;  ///< stakeholder id of each vertex number − 1
  std::string relation_;          ///< kind named by the current section header
  bool arcs_ = false;
  std::vector<std::pair<std::size_t, std::size_t>> edge_ties_;  ///< (tie index, line) of *Edges ties

  [[nodiscard]] Location at(std::size_t column) const { return {source_.name, line_, column}; }
  void error(std::size_t column, const std::string& message) {
    builder_.diagnostics().error(at(column), message);
  }
  bool header(const std::vector<Token>& tokens);
  void vertices_header(const std::vector<Token>& tokens);
  void ties_header(const std::vector<Token>& tokens, std::string_view keyword);
  void require_vertices(std::size_t column);
  void vertex_line(const std::vector<Token>& tokens);
  void add_vertices();
  std::optional<VertexId> vertex(const Token& token);
  void tie_line(const std::vector<Token>& tokens);
  void add(VertexId source, VertexId target, std::string_view kind, double weight);
  void finish();
};

void PajekReader::read() {
  std::string_view text = source_.bytes;
  while (!text.empty()) {
    // LF, CR LF and a lone CR (old Mac files) each end a line.
    const std::size_t newline = text.find_first_of("\r\n");
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size()
                                                         : newline + line_end_length(text, newline));
    ++line_;
    if (trim(line).empty() || trim(line).front() == '%') continue;
    std::size_t open_quote = 0;
    const std::vector<Token> tokens = split_line(line, open_quote);
    if (open_quote > 0) {
      error(open_quote, "quote never closed; expected a closing '\"' on the same line");
      continue;
    }
    if (!tokens.front().quoted && tokens.front().text.front() == '*') {
      if (!header(tokens)) break;
      continue;
    }
    if (broken_) continue;
    switch (section_) {
      case Section::none: require_vertices(tokens.front().column); break;
      case Section::vertices: vertex_line(tokens); break;
      case Section::skipped: break;
      default: tie_line(tokens); break;
    }
  }
  finish();
}

/// Handles a section line; false when the rest of the file is not part of the network.
bool PajekReader::header(const std::vector<Token>& tokens) {
  const std::string keyword = lower(tokens.front().text);
  if (keyword == "*network") {
    if (!vertices_seen_) return true;
    builder_.diagnostics().warning(at(tokens.front().column),
                                   "second network in the file ignored; expected one network per file");
    return false;
  }
  if (keyword == "*vertices") {
    vertices_header(tokens);
  } else if (keyword == "*edges" || keyword == "*arcs" || keyword == "*edgeslist" || keyword == "*arcslist") {
    ties_header(tokens, keyword);
  } else if (keyword == "*matrix") {
    error(tokens.front().column,
          "*Matrix sections are not supported; expected *Edges or *Arcs lines (i j weight)");
    section_ = Section::skipped;
  } else if (keyword == "*partition" || keyword == "*vector" || keyword == "*permutation" ||
             keyword == "*cluster" || keyword == "*hierarchy") {
    // The rest of a Pajek project file (.paj): data about the network, not the network.
    builder_.diagnostics().warning(
        at(tokens.front().column),
        std::string(tokens.front().text) + " and the rest of the file ignored (not part of the network)");
    return false;
  } else {
    error(tokens.front().column, "unknown section '" + std::string(tokens.front().text) +
                                     "'; expected *Vertices, *Edges, *Arcs, *Edgeslist or *Arcslist");
    section_ = Section::skipped;
  }
  return true;
}

void PajekReader::vertices_header(const std::vector<Token>& tokens) {
  if (vertices_seen_) {
    error(tokens.front().column, "second *Vertices line (the first is at line " +
                                     std::to_string(vertices_line_) + "); expected one per network");
    section_ = Section::skipped;
    return;
  }
  vertices_seen_ = true;
  vertices_line_ = line_;
  section_ = Section::vertices;
  if (tokens.size() < 2) {
    error(tokens.front().end_column, "*Vertices without a count; expected *Vertices <number of vertices>");
    broken_ = true;
    return;
  }
  const Token& count = tokens[1];
  const auto n = parse_count(count.text);
  if (!n) {
    error(count.column, "vertex count '" + std::string(count.text) +
                            "' is not a number; expected *Vertices <number of vertices>");
    broken_ = true;
  } else if (*n > kMaxVertices) {
    error(count.column, "vertex count " + std::string(count.text) + " is too large; expected at most " +
                            std::to_string(kMaxVertices) + " vertices");
    broken_ = true;
  } else if (*n > kFreeVertices + source_.bytes.size()) {
    error(count.column, "vertex count " + std::string(count.text) +
                            " is more than this file can describe; expected at most " +
                            std::to_string(kFreeVertices + source_.bytes.size()) +
                            " vertices for a file of " + std::to_string(source_.bytes.size()) + " bytes (" +
                            std::to_string(kFreeVertices) +
                            " plus one per byte) — list the vertices, one line each, if there are that many");
    broken_ = true;
  } else {
    count_ = *n;
    vertex_lines_.resize(count_);
  }
}

void PajekReader::require_vertices(std::size_t column) {
  if (missing_reported_) return;
  missing_reported_ = true;
  error(column, "missing *Vertices line; expected a Pajek network to start with *Vertices <count>");
}

void PajekReader::ties_header(const std::vector<Token>& tokens, std::string_view keyword) {
  if (!vertices_seen_) {
    require_vertices(tokens.front().column);
    section_ = Section::skipped;
    return;
  }
  add_vertices();
  const bool arcs = keyword.substr(0, 5) == "*arcs";
  const bool list = keyword.size() > 6 && keyword.substr(keyword.size() - 4) == "list";
  section_ =
      arcs ? (list ? Section::arcs_list : Section::arcs) : (list ? Section::edges_list : Section::edges);
  arcs_ = arcs_ || arcs;
  // Multi-relational networks: `*Arcs :2 "visit"` names relation 2; without a name, its number.
  relation_.clear();
  if (tokens.size() >= 2 && !tokens[1].quoted && tokens[1].text.front() == ':') {
    relation_ = tokens.size() >= 3 ? std::string(tokens[2].text) : std::string(tokens[1].text.substr(1));
  }
}

void PajekReader::vertex_line(const std::vector<Token>& tokens) {
  const Token& number = tokens.front();
  const auto n = parse_count(number.text);
  if (!n) {
    error(number.column, "'" + std::string(number.text) +
                             "' is not a vertex number; expected i \"label\" with i from 1 to " +
                             std::to_string(count_));
    return;
  }
  if (*n < 1 || *n > count_) {
    error(number.column, "vertex number " + std::string(number.text) + " is out of range; expected 1 to " +
                             std::to_string(count_) + " (*Vertices " + std::to_string(count_) + ")");
    return;
  }
  std::optional<VertexLine>& slot = vertex_lines_[*n - 1];
  if (slot) {
    error(number.column, "duplicate vertex number " + std::to_string(*n) + " (first at line " +
                             std::to_string(slot->line) + "); expected each vertex once");
    return;
  }
  // A vertex without a label is named by its number, as in Pajek.
  const Token& label = tokens.size() >= 2 ? tokens[1] : number;
  slot = VertexLine{std::string(label.text), line_, label.column};
}

/// Adds the vertices as stakeholders in number order, once the *Vertices section is over.
void PajekReader::add_vertices() {
  if (vertices_added_ || broken_) return;
  vertices_added_ = true;
  ids_.resize(count_);
  for (std::size_t i = 0; i < count_; ++i) {
    const std::optional<VertexLine>& v = vertex_lines_[i];
    const Location where =
        v ? Location{source_.name, v->line, v->column} : Location{source_.name, vertices_line_, 1};
    Stakeholder s;
    builder_.set_field(s, "id", v ? v->label : std::to_string(i + 1), where);
    ids_[i] = s.id;
    builder_.add_stakeholder(std::move(s), where);
  }
  vertex_lines_ = {};
}

std::optional<VertexId> PajekReader::vertex(const Token& token) {
  // "-1" and "0" are numbers out of range, not malformed numbers.
  const bool negative = token.text.size() > 1 && token.text.front() == '-';
  const auto n = negative ? (all_digits(token.text.substr(1)) ? std::optional<std::size_t>(0) : std::nullopt)
                          : parse_count(token.text);
  if (!n) {
    error(token.column, "'" + std::string(token.text) +
                            "' is not a vertex number; expected a number from 1 to " +
                            std::to_string(count_));
    return std::nullopt;
  }
  if (*n < 1 || *n > count_) {
    error(token.column, "out-of-range vertex " + std::string(token.text) +
                            "; expected a vertex number from 1 to " + std::to_string(count_) +
                            " (*Vertices " + std::to_string(count_) + ")");
    return std::nullopt;
  }
  return builder_.resolve(ids_[*n - 1], at(token.column));
}

void PajekReader::tie_line(const std::vector<Token>& tokens) {
  const auto source = vertex(tokens.front());
  if (section_ == Section::edges_list || section_ == Section::arcs_list) {
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      const auto target = vertex(tokens[i]);
      if (source && target) add(*source, *target, relation_, 1.0);
    }
    return;
  }
  if (tokens.size() < 2) {
    error(tokens.front().end_column, "tie line has one vertex number; expected 'source target [weight]'");
    return;
  }
  const auto target = vertex(tokens[1]);
  std::optional<double> weight = 1.0;
  if (tokens.size() >= 3) weight = builder_.parse_weight(tokens[2].text, at(tokens[2].column));
  // After the weight come drawing keys with one value each; `l` is the tie's label.
  std::string_view kind = relation_;
  for (std::size_t i = 3; i + 1 < tokens.size(); i += 2) {
    if (tokens[i].text == "l" || tokens[i].text == "kind") kind = trim(tokens[i + 1].text);
  }
  if (source && target && weight) add(*source, *target, kind, *weight);
}

void PajekReader::add(VertexId source, VertexId target, std::string_view kind, double weight) {
  builder_.add_tie(source, target, kind, weight, {}, {}, at(1));
  if (section_ == Section::edges || section_ == Section::edges_list)
    edge_ties_.emplace_back(builder_.network().ties.size() - 1, line_);
}

void PajekReader::finish() {
  if (!vertices_seen_) {
    if (!missing_reported_) {
      builder_.diagnostics().error(
          {source_.name, 1, 1},
          "missing *Vertices line; expected a Pajek network to start with *Vertices <count>");
    }
    return;
  }
  add_vertices();
  builder_.network().directed = arcs_;
  if (!arcs_ || edge_ties_.empty()) return;
  // *Edges and *Arcs in one file: the network is directed and each edge is an arc both ways.
  Network& network = builder_.network();
  for (const auto& [index, line] : edge_ties_) {
    const Tie tie = network.ties[index];
    builder_.add_tie(tie.target, tie.source, network.kind_name(tie.kind), tie.weight, {}, {},
                     {source_.name, line, 1});
  }
  builder_.diagnostics().warning({source_.name, 0, 0},
                                 std::to_string(edge_ties_.size()) +
                                     " *Edges ties read as two arcs each, since the file also has *Arcs "
                                     "(a network is either directed or not)");
}

// ---------------------------------------------------------------------------------------------
// Writing

/// `text` in a form a quoted Pajek word holds: '"' → '\'', line breaks → ' '.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '"') c = '\'';
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

/// The Pajek words of `texts` (stakeholder ids or kinds): each made one_line, reported when it
/// changed, and numbered " (2)", " (3)", … when it then equals another, so that ties still find
/// their own vertex. Texts that need no change keep it; changed ones give way.
std::vector<std::string> pajek_words(const std::vector<std::string>& texts, const char* what,
                                     const std::string& file, Diagnostics& warnings) {
  std::vector<std::string> words(texts.size());
  std::map<std::string, std::size_t> owner;  // word → index of the text written as it
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (one_line(texts[i]) == texts[i]) owner.emplace(texts[i], i);
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string plain = one_line(texts[i]);
    if (plain == texts[i]) {
      words[i] = plain;
      continue;
    }
    std::string word = plain;
    for (int k = 2; owner.count(word) > 0; ++k)
      word = plain + " (" + std::to_string(k) + ")";
    std::string message = std::string(what) + " '" + texts[i] + "' written as '" + word +
                          "' (a Pajek label holds no '\"' or line break)";
    if (word != plain) {
      message += "; '" + plain + "' is already the label of " + what + " '" + texts[owner.at(plain)] + "'";
    }
    warnings.warning({file, 0, 0}, message);
    owner.emplace(word, i);
    words[i] = std::move(word);
  }
  return words;
}

/// One warning per kind of data Pajek cannot hold.
void report_dropped(const Network& network, const std::string& file, Diagnostics& warnings) {
  const std::size_t names =
      static_cast<std::size_t>(std::count_if(network.stakeholders.begin(), network.stakeholders.end(),
                                             [](const Stakeholder& s) { return !s.name.empty(); }));
  std::vector<std::string> columns;
  for (const std::string& field : used_stakeholder_fields(network)) {
    if (field == "id" || field == "name") continue;
    const bool used =
        std::any_of(network.stakeholders.begin(), network.stakeholders.end(),
                    [&](const Stakeholder& s) { return !stakeholder_values(s, {field}).front().empty(); });
    if (used) columns.push_back(field);
  }
  if (names > 0 || !columns.empty()) {
    std::string list;
    for (const std::string& c : columns)
      list += (list.empty() ? " (" : ", ") + c;
    warnings.warning({file, 0, 0},
                     "Pajek holds no stakeholder names or attributes: " + std::to_string(names) +
                         " names and " + std::to_string(columns.size()) + " attribute columns" +
                         (list.empty() ? "" : list + ")") + " not written");
  }
  const auto dated = std::count_if(network.ties.begin(), network.ties.end(),
                                   [](const Tie& t) { return !t.start.empty() || !t.end.empty(); });
  if (dated > 0) {
    warnings.warning({file, 0, 0}, "Pajek holds no tie dates: " + std::to_string(dated) +
                                       " dated ties written without their dates");
  }
  std::size_t values = 0;
  std::set<std::string> names_of_attributes;
  for (const Tie& tie : network.ties) {
    for (const auto& [name, value] : tie.attributes) {
      if (value.empty()) continue;
      ++values;
      names_of_attributes.insert(name);
    }
  }
  if (values > 0) {
    std::string list;
    for (const std::string& name : names_of_attributes)
      list += (list.empty() ? "" : ", ") + name;
    warnings.warning({file, 0, 0}, "Pajek holds no tie attributes: " + std::to_string(values) +
                                       " values of " + list + " not written");
  }
}

}  // namespace

void read_pajek(const SourceText& source, NetworkBuilder& builder) {
  builder.set_implicit_stakeholders(false);
  PajekReader(source, builder).read();
}

std::string write_pajek(const Network& network, const std::string& file, Diagnostics& warnings) {
  std::vector<std::string> ids;
  ids.reserve(network.stakeholders.size());
  for (const Stakeholder& s : network.stakeholders)
    ids.push_back(s.id);
  const std::vector<std::string> labels = pajek_words(ids, "stakeholder id", file, warnings);
  const std::vector<std::string> kinds = pajek_words(network.kinds, "tie kind", file, warnings);
  std::string out = "% clusterscope " CLUSTERSCOPE_VERSION "\n";  // the mark of io::is_own_file
  if (!network.name.empty()) out += "*Network " + one_line(network.name) + "\n";
  out += "*Vertices " + std::to_string(labels.size()) + "\n";
  for (std::size_t i = 0; i < labels.size(); ++i)
    out += std::to_string(i + 1) + " \"" + labels[i] + "\"\n";
  out += network.directed ? "*Arcs\n" : "*Edges\n";
  for (const Tie& tie : network.ties) {
    out += std::to_string(tie.source + 1) + " " + std::to_string(tie.target + 1) + " " +
           format_number(tie.weight);
    const std::string& kind = kinds[static_cast<std::size_t>(tie.kind)];
    if (network.kind_name(tie.kind) != "tie") out += " l \"" + kind + "\"";
    out += "\n";
  }
  report_dropped(network, file, warnings);
  return out;
}

}  // namespace clusterscope::io
