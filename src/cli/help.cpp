// The help text: the general usage and each command's --help (help.hpp).
#include "help.hpp"

#include <iostream>
#include <string>

namespace clusterscope::cli {

namespace po = boost::program_options;

const char* const kUsage =
    "usage: clusterscope <command> [options]\n"
    "\n"
    "Cluster-network analysis of regional innovation ecosystems.\n"
    "\n"
    "commands:\n"
    "  validate <input>            check an input and list every problem (exit 3 on errors)\n"
    "  convert  <input> -o FILE    write the network as .csv, .graphml, .gml, .net, .gexf or .json\n"
    "  metrics  <input> [-o FILE]  every stakeholder measure as CSV (or JSON with network measures)\n"
    "  communities <input> [-o FILE]  communities (Leiden by default): consensus of seeded runs, stability\n"
    "  candidates  <input> -o DIR  cluster-initiative candidates with reasons and gaps\n"
    "  recommend <input> -o FILE  partners each firm has no tie with yet, why, and who introduces them;\n"
    "                             --evaluate-split DATE measures them against later ties\n"
    "  visits   <input> -o DIR    which firms the animators visit first, each with its recommendation sheet\n"
    "  render   <input> -o FILE    a network figure (.svg, .pdf, .png) or its layout (.csv: id,x,y)\n"
    "  analyze  <input> [-o DIR]   everything above into one folder, with report.html and report.pdf\n"
    "  compare  <input> --period A --period B -o DIR   what changed between periods (or two inputs):\n"
    "                             ties, stakeholders, measures, communities, candidates, referral uptake\n"
    "\n"
    "<input> is a dataset folder, its dataset.json, or a single .csv/.graphml/.gml/.net/.gexf/.json\n"
    "file (optionally .gz), or - for standard input (with --format). -o - writes standard output.\n"
    "Run 'clusterscope help <command>' or 'clusterscope <command> --help' for a command's options.\n"
    "\n"
    "exit status: 0 success, 1 internal error, 2 usage error, 3 input-data error, 4 output error\n";

namespace {

/// The man-page part of each command's --help: what it does, what it writes, examples. The option
/// list between them comes from the option descriptions; docs/CLI.md has the same in full.
struct CommandHelp {
  const char* command;
  const char* description;
  const char* examples;
};

constexpr CommandHelp kHelp[] = {
    {"validate",
     "Reads an input the way every other command does and lists every problem at once, each as\n"
     "file:line:column, what was found and what was expected. Writes nothing.",
     "  clusterscope validate datasets/vistula-bend\n"
     "  clusterscope validate ties.csv --nodes stakeholders.csv --strict\n"},
    {"convert",
     "Writes the network in another format: .csv (with <name>.nodes.csv), .graphml, .gml, .net,\n"
     ".gexf or .json (node-link). Values a format cannot hold are reported as warnings.",
     "  clusterscope convert datasets/vistula-bend -o vistula.graphml\n"},
    {"metrics",
     "Computes every stakeholder measure (degree, strength, betweenness, closeness, harmonic,\n"
     "eigenvector, PageRank, coreness, clustering, constraint, effective size, brokerage roles) and,\n"
     "as JSON, the network measures, the type-mixing matrix and the E-I index with its permutation\n"
     "test. Path measures are exact up to a documented size, then sampled with a stated error bound.",
     "  clusterscope metrics datasets/vistula-bend -o metrics.csv\n"
     "  clusterscope metrics ties.csv -o metrics.json --weights distance --threads 2\n"},
    {"communities",
     "Detects communities: the consensus of seeded runs (Leiden by default), each stakeholder's and\n"
     "each community's stability, and their significance against degree-preserving null networks.\n"
     "CSV: id,community,stability; JSON adds the per-community figures and the settings.",
     "  clusterscope communities datasets/vistula-bend -o communities.json\n"
     "  clusterscope communities lazega.graphml --compare-with office --resolution auto\n"},
    {"candidates",
     "Finds cluster-initiative candidates (communities and sector groups), scores them on six parts,\n"
     "levels them initiative-ready / emerging / weak and names anchors, a coordinator and gaps.\n"
     "Writes DIR/candidates.json and DIR/candidates.md.",
     "  clusterscope candidates datasets/vistula-bend -o out/\n"
     "  clusterscope candidates datasets/vistula-bend -o out/ --config weights.json\n"},
    {"render",
     "Draws the network figure to .svg, .pdf or .png (or writes its layout as id,x,y to .csv):\n"
     "colour by type, community, sector or any attribute, size by any measure, the top stakeholders\n"
     "labelled without overlaps, a legend, a title and a caption.",
     "  clusterscope render datasets/vistula-bend -o network.pdf --color-by community\n"
     "  clusterscope render datasets/vistula-bend -o network.png --size-by betweenness --labels 25\n"},
    {"recommend",
     "Recommends partners a stakeholder has no tie with yet (default: every enterprise), best first,\n"
     "scored on documented parts (shared partners, three-step paths, activity, a missing helix role,\n"
     "related sectors, one candidate group, needs matched by offers, proximity) with a reason and an\n"
     "introducer. --evaluate-split DATE measures precision@K, recall@K, MAP and hits@K on the later\n"
     "ties against the classic baselines; --fit-split DATE fits the weights (docs/recommend.md).",
     "  clusterscope recommend datasets/vistula-bend -o recommendations.csv --top 5\n"
     "  clusterscope recommend datasets/vistula-bend -o r.json --for F001 --for F017\n"
     "  clusterscope recommend h2020/dataset.json --evaluate-split 2017 --sample 1000 -o evaluation.json\n"},
    {"visits",
     "Plans the animators' visits: firms ranked by documented criteria (a leading candidate group\n"
     "without a tie to its coordinator, no tie to academia or support, isolation, a bridge to another\n"
     "community, size), shared among the --animator institutions, each with its recommendation sheet.\n"
     "Writes DIR/visit-plan.csv, visit-plan.md and visit-plan.pdf (one A4 page per visit).",
     "  clusterscope visits datasets/vistula-bend -o plan/ --visits 48 --animator S1 --animator S2 "
     "--animator S4\n"
     "  clusterscope visits datasets/vistula-bend -o plan/ --sector machine-tool\n"},
    {"analyze",
     "The whole analysis in one folder: load, validate, measures, communities, candidates, figures\n"
     "and the report. Writes stakeholders.csv, metrics.json, communities.csv/.json,\n"
     "candidates.json/.md, figures/ (SVG, PDF, PNG), tables/ (annex tables as CSV and Markdown),\n"
     "report.html (self-contained), report.pdf and manifest.json (input SHA-256, every option and\n"
     "its source, seed, library versions, stage timings). The folder is written next to the target\n"
     "and renamed into place only when everything succeeded. The same input, options and seed give\n"
     "the same bytes (manifest.json's \"run\" aside). Progress goes to standard error: a bar per\n"
     "stage on a terminal, a line per stage otherwise, nothing with --quiet.\n"
     "--period FROM..TO analyses one period; several periods (or --periods yearly) also write\n"
     "compare/ (see 'clusterscope help compare'). Referrals in the data or --referrals FILE add\n"
     "tables/uptake.csv and the report section on their uptake.",
     "  clusterscope analyze datasets/vistula-bend\n"
     "  clusterscope analyze datasets/vistula-bend -o report/ --config house.json --seed 7\n"
     "  clusterscope analyze datasets/vistula-bend --print-config > my-config.json\n"},
    {"compare",
     "What changed between the periods of one dataset (--period, repeatable, inclusive at the\n"
     "precision written: 2012..2012 is the year 2012; or --periods yearly|quarterly|N-months), or\n"
     "between two datasets matched by id. Every period is analysed with the same settings and seed;\n"
     "then ties (per pair and kind: new, lost, strengthened, weakened), stakeholders entering and\n"
     "leaving, network measures side by side, each stakeholder's measures, communities tracked by\n"
     "Jaccard (the same community keeps its id and colour), candidate groups per period, and the\n"
     "uptake of referrals (the dataset's or --referrals FILE) against comparable pairs nobody\n"
     "referred. Writes changes.json, tables/, figures/ (the periods on one layout, measures over\n"
     "time, community flows), report.html, report.pdf and manifest.json, all or nothing\n"
     "(docs/compare.md).",
     "  clusterscope compare datasets/vistula-bend --period 2012..2013 --period 2014 -o change/\n"
     "  clusterscope compare datasets/vistula-bend --periods yearly -o change/\n"
     "  clusterscope compare before/dataset.json after/dataset.json -o change/\n"
     "  clusterscope compare datasets/vistula-bend --period 2012 --period 2013..2014 \\\n"
     "      --referrals recommendations-2012.csv --referral-date 2012-12-31 -o uptake/\n"},
};

constexpr const char* kExitStatus =
    "exit status:\n"
    "  0  success\n"
    "  1  internal error (a bug; please report it with the command line)\n"
    "  2  usage error: unknown option or bad option value\n"
    "  3  input-data error: each problem as file:line:column with what was expected; nothing written\n"
    "  4  output error: a file or folder cannot be written; nothing left half-written\n";

}  // namespace

void print_help(std::ostream& out, const std::string& usage_line, const po::options_description& visible) {
  out << usage_line << "\n\n";
  const CommandHelp* help = nullptr;
  for (const CommandHelp& h : kHelp)
    if (usage_line.rfind(std::string("usage: clusterscope ") + h.command + " ", 0) == 0) help = &h;
  if (help != nullptr) out << help->description << "\n\n";
  out << visible << '\n' << kExitStatus;
  if (help != nullptr) out << "\nexamples:\n" << help->examples;
  out << "\nSee docs/CLI.md for every command and option, docs/guide.md for worked examples.\n";
}

}  // namespace clusterscope::cli
