// recommend: partner recommendations, their evaluation on later ties and the fit of the weights
// (docs/recommend.md, docs/CLI.md).

#include <filesystem>
#include <nlohmann/json.hpp>

#include "bounded.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/pipeline/visit_plan.hpp"
#include "clusterscope/recommend/recommend.hpp"
#include "commands.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

Date split_date(const std::string& option, const std::string& text) {
  const auto date = parse_iso_date(text);
  if (!date) throw UsageError("--" + option + " '" + text + "': expected a date YYYY, YYYY-MM or YYYY-MM-DD");
  return *date;
}

/// The queries --for, --for-file and --for-type name, in that order, each once; none: the default.
std::vector<VertexId> query_list(const Network& network, const std::vector<std::string>& ids,
                                 const std::string& file, const std::vector<std::string>& types,
                                 const recommend::RecommendConfig& config, std::uint64_t max_input_bytes) {
  std::vector<VertexId> queries;
  std::vector<char> seen(network.size(), 0);
  const auto take = [&](VertexId v) {
    if (seen[static_cast<std::size_t>(v)] == 0) queries.push_back(v);
    seen[static_cast<std::size_t>(v)] = 1;
  };
  for (const std::string& id : ids) {
    const auto v = network.find(std::string(core::trim(id)));
    if (!v) throw InputError(Location{"--for", 0, 0}, "no stakeholder has the id '" + id + "'");
    take(*v);
  }
  if (!file.empty()) {
    Diagnostics diagnostics;
    const io::SourceText text = io::read_source(file, diagnostics, max_input_bytes);
    diagnostics.throw_if_errors();
    std::size_t line = 1, start = 0;
    const std::string& bytes = text.bytes;
    while (start < bytes.size()) {
      std::size_t end = start;
      while (end < bytes.size() && !core::ends_line(bytes, end))
        ++end;
      const std::string_view raw(bytes.data() + start, end - start);
      const std::string_view id = core::trim(raw);
      if (!id.empty() && id.front() != '#') {
        const auto v = network.find(id);
        if (!v)
          diagnostics.error({file, line, static_cast<std::size_t>(id.data() - raw.data()) + 1},
                            "no stakeholder has the id '" + std::string(id) + "'; expected one id per line");
        else
          take(*v);
      }
      start = end < bytes.size() ? end + core::line_end_length(bytes, end) : end;
      ++line;
    }
    diagnostics.throw_if_errors();
  }
  for (const std::string& type : types) {
    bool any = false;
    for (std::size_t v = 0; v < network.size(); ++v) {
      if (network.stakeholders[v].type != type) continue;
      take(static_cast<VertexId>(v));
      any = true;
    }
    if (!any) throw InputError(Location{"--for-type", 0, 0}, "no stakeholder has the type '" + type + "'");
  }
  if (ids.empty() && file.empty() && types.empty()) return recommend::default_queries(network, config);
  return queries;
}

}  // namespace

int cmd_recommend(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output, for_file, evaluate_split, fit_split;
  std::vector<std::string> for_ids, for_types;
  std::int32_t top = 0;
  std::int32_t sample = 0;
  unsigned threads = 0;
  core::RunContext run;
  bool force = false;
  po::options_description own("recommend options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->required()->value_name("FILE"),
      "FILE.csv or FILE.json (recommendations; with --evaluate-split the evaluation, JSON; with --fit-split "
      "the fitted weights, JSON); '-': standard output")("for", text_values(&for_ids)->value_name("ID"),
                                                         "a query stakeholder (repeatable)")(
      "for-file", text_value(&for_file)->value_name("FILE"), "query stakeholders, one id per line")(
      "for-type", text_values(&for_types)->value_name("TYPE"),
      "every stakeholder of this type is a query (repeatable); default: every enterprise")(
      "top", bounded(&top, 1, 1000, "top")->value_name("K"),
      "partners per query (default 10, or the config's)")(
      "evaluate-split", text_value(&evaluate_split)->value_name("DATE"),
      "evaluate on the ties from DATE on, trained on those before it")(
      "fit-split", text_value(&fit_split)->value_name("DATE"),
      "fit the part weights on the ties from DATE on, trained on those before it")(
      "sample", bounded(&sample, 0, 100'000'000, "sample")->value_name("N")->default_value(0),
      "evaluate or fit on N queries drawn with --seed (0: all)")(
      "threads", bounded(&threads, 0U, kMaxThreads, "threads")->value_name("N")->default_value(0),
      "worker threads (0: one per core); no result depends on it")(
      "seed", seed_value(&run.seed), "seed of the community runs and of the sampled queries")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(own, common,
                     "JSON config holding any of these options (flags win over it); its \"recommend\" "
                     "object sets the part weights, roles and synonyms (docs/recommend.md)");
  add_output_format(own, common, "csv (default) or json");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  const Parsed parsed = parse(args, d, out,
                              "usage: clusterscope recommend <input> -o FILE.csv|FILE.json [--for ID]... "
                              "[--for-file FILE] [--for-type TYPE]... [--top K] [options]",
                              &sections);
  if (parsed.help) return 0;
  if (!evaluate_split.empty() && !fit_split.empty())
    throw UsageError(
        "--evaluate-split and --fit-split: give one of them (fit on an earlier split, evaluate on a later "
        "one)");
  const bool study = !evaluate_split.empty() || !fit_split.empty();
  std::string extension;
  if (output == kStandardStream) {
    extension = "." + stdout_format(
                          common, "", study ? "json" : "csv",
                          study ? std::vector<std::string>{"json"} : std::vector<std::string>{"csv", "json"});
    output.clear();
  } else {
    extension = io::format_extension(output);
    if (extension != ".csv" && extension != ".json")
      throw UsageError("-o '" + output + "': expected a .csv or .json file");
    if (study && extension != ".json")
      throw UsageError("-o '" + output + "': the evaluation and the fit are written as .json");
    if (!common.output_format.empty())
      throw UsageError(
          "--output-format is for -o - (standard output); a file's format comes from its extension");
  }
  check_input(o, common);
  recommend::RecommendConfig config = parsed.recommend;
  if (top > 0) config.top = top;
  run.threads = threads;
  communities::CommunityOptions community = community_settings(flags, run);
  // The null networks only set the candidates' levels; the recommendations read the groups'
  // members, so they are skipped unless asked for (the groups are the same as analyze's).
  if (parsed.values["null-models"].defaulted()) community.null_models = 0;
  const Date split = !evaluate_split.empty() ? split_date("evaluate-split", evaluate_split)
                     : !fit_split.empty()    ? split_date("fit-split", fit_split)
                                             : Date{};
  std::vector<std::string> more_inputs = {common.config};
  if (!for_file.empty()) more_inputs.push_back(for_file);
  io::OutputRequest request = output.empty()
                                  ? io::OutputRequest{}
                                  : output_request(output, io::OutputKind::file, o, force, more_inputs);
  if (!output.empty()) io::check_output(request);  // before any work
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  const io::LoadOptions load = load_options(o);
  std::string content;
  std::string summary;
  if (study) {
    const recommend::Split cut = recommend::split_at(network, split);
    const TieView view = make_tie_view(cut.training);
    const communities::CommunityResult groups = communities::detect_communities(view, community);
    const std::vector<candidates::Candidate> found =
        pipeline::find_candidates(cut.training, view, groups, parsed.candidates, threads);
    const recommend::RecommendInput input = pipeline::recommend_input(cut.training, view, groups, found);
    if (!evaluate_split.empty()) {
      const recommend::Evaluation ev = recommend::evaluate(input, cut, config, sample, run.seed, threads);
      content = recommend::evaluation_json(ev, cut, config, sample, run.seed);
      summary = "evaluated " + std::to_string(ev.queries.size()) + " queries (of " +
                std::to_string(cut.queries) + " with a new partner from " + split.to_string() +
                " on); seed " + std::to_string(run.seed) + "\n" + recommend::evaluation_table(ev);
    } else {
      const auto [weights, reached] = recommend::fit_weights(input, cut, config, sample, run.seed, threads);
      recommend::RecommendConfig fitted = config;
      fitted.weights = weights;
      nlohmann::ordered_json doc;
      doc["recommend"] = recommend::recommend_config_to_json(fitted);
      content = doc.dump(2) + "\n";
      summary = "fitted the weights on " +
                std::to_string(sample > 0 ? std::min(sample, cut.queries) : cut.queries) + " queries (of " +
                std::to_string(cut.queries) + " with a new partner from " + split.to_string() + " on; seed " +
                std::to_string(run.seed) + "): precision@" + std::to_string(config.top) + " " +
                io::readable_number(reached.precision) + ", MAP " + io::readable_number(reached.map) +
                "; the file is a --config for recommend and analyze\n";
    }
  } else {
    const TieView view = make_tie_view(network);
    const std::vector<VertexId> queries =
        query_list(network, for_ids, for_file, for_types, config, load.max_input_bytes);
    if (queries.empty()) {
      std::string types;
      for (const std::string& t : config.query_types)
        types += (types.empty() ? "" : ", ") + t;
      err << "clusterscope: warning: no stakeholder has a query type (" << types
          << "); name the queries with --for, --for-file or --for-type, or set recommend.query_types\n";
    }
    const communities::CommunityResult groups = communities::detect_communities(view, community);
    const std::vector<candidates::Candidate> found =
        pipeline::find_candidates(network, view, groups, parsed.candidates, threads);
    const recommend::RecommendInput input = pipeline::recommend_input(network, view, groups, found);
    const std::vector<recommend::Recommendation> rows = recommend::recommend(input, queries, config, threads);
    content = extension == ".json" ? recommend::recommendations_json(network, rows, config, run.seed)
                                   : recommend::recommendations_csv(network, rows);
    std::size_t without = 0;
    for (const recommend::Recommendation& r : rows)
      if (r.partner < 0) ++without;
    summary = "recommended partners for " + std::to_string(queries.size()) + " stakeholders (" +
              std::to_string(rows.size() - without) + " recommendations" +
              (without > 0 ? ", " + std::to_string(without) + " without a possible partner" : std::string()) +
              "); seed " + std::to_string(run.seed) + "\n";
  }
  if (output.empty()) {
    out << content;
  } else {
    add_loaded_inputs(request, network);
    io::write_checked_file(request, content);
  }
  if (!common.quiet) (output.empty() ? err : out) << summary;
  return 0;
}

}  // namespace clusterscope::cli

namespace clusterscope::cli {

int cmd_visits(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output;
  std::vector<std::string> animators, sectors;
  std::int32_t visits = 20;
  std::int32_t partners = 3;
  unsigned threads = 0;
  core::RunContext run;
  bool force = false;
  po::options_description own("visits options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->required()->value_name("DIR"),
      "folder for visit-plan.csv, visit-plan.md and visit-plan.pdf (created when missing)")(
      "visits", bounded(&visits, 1, 100'000, "visits")->value_name("N")->default_value(20), "visits to plan")(
      "animator", text_values(&animators)->value_name("ID"),
      "a support institution whose staff visit (repeatable); the visits are shared among them")(
      "sector", text_values(&sectors)->value_name("SECTOR"),
      "plan visits to firms of this sector only (repeatable)")(
      "partners", bounded(&partners, 1, 20, "partners")->value_name("K")->default_value(3),
      "recommended partners on each visit's sheet")(
      "threads", bounded(&threads, 0U, kMaxThreads, "threads")->value_name("N")->default_value(0),
      "worker threads (0: one per core); no result depends on it")(
      "seed", seed_value(&run.seed), "seed of the community runs")("force", po::bool_switch(&force),
                                                                   kForceHelp);
  add_common_options(own, common,
                     "JSON config holding any of these options (flags win over it); its \"recommend\" "
                     "object sets the recommendation settings (docs/recommend.md)");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  const Parsed parsed = parse(
      args, d, out,
      "usage: clusterscope visits <input> -o DIR [--visits N] [--animator ID]... [--sector S]... [options]",
      &sections);
  if (parsed.help) return 0;
  refuse_stdout_folder("visits", output, "a folder (visit-plan.csv, .md and .pdf)");
  check_input(o, common);
  run.threads = threads;
  const communities::CommunityOptions community = community_settings(flags, run);
  io::OutputRequest folder = output_request(output, io::OutputKind::files, o, force, {common.config});
  io::check_output(folder);  // before any work
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(folder, network);
  recommend::VisitOptions options;
  options.visits = visits;
  options.partners = partners;
  options.sectors = sectors;
  for (const std::string& id : animators) {
    const auto v = network.find(std::string(core::trim(id)));
    if (!v) throw InputError(Location{"--animator", 0, 0}, "no stakeholder has the id '" + id + "'");
    options.animators.push_back(*v);
  }
  for (const std::string& sector : sectors) {
    const bool known = std::any_of(network.stakeholders.begin(), network.stakeholders.end(),
                                   [&](const Stakeholder& s) { return s.sector == sector; });
    if (!known)
      throw InputError(Location{"--sector", 0, 0}, "no stakeholder has the sector '" + sector + "'");
  }
  const TieView view = make_tie_view(network);
  const communities::CommunityResult groups = communities::detect_communities(view, community);
  const std::vector<candidates::Candidate> found =
      pipeline::find_candidates(network, view, groups, parsed.candidates, threads);
  const recommend::RecommendInput input = pipeline::recommend_input(network, view, groups, found);
  const std::vector<recommend::Visit> plan =
      recommend::plan_visits(input, pipeline::visit_groups(found), parsed.recommend, options, threads);
  std::vector<io::OutputRequest> requests(3, folder);
  const char* names[] = {"visit-plan.csv", "visit-plan.md", "visit-plan.pdf"};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    requests[i].kind = io::OutputKind::file;
    requests[i].target = folder.target / names[i];
  }
  io::write_checked_files(
      requests, {recommend::visits_csv(network, plan, partners), recommend::visits_markdown(network, plan),
                 pipeline::visit_plan_pdf(network, plan)});
  if (!common.quiet)
    out << "wrote " << (fs::path(output) / "visit-plan.csv").string()
        << ", visit-plan.md and visit-plan.pdf: " << plan.size() << " visits"
        << (options.animators.empty()
                ? std::string()
                : " shared among " + std::to_string(options.animators.size()) + " animators")
        << "; seed " << run.seed << '\n';
  return 0;
}

}  // namespace clusterscope::cli
