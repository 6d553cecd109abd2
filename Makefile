# htx: collective-economy annual reports from registry data.
# Every target sets up .venv (Python >= 3.11) on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := htx
UNIT   ?= data/van-quan
YEAR   ?= 2024
# what make itself says is in Vietnamese, in English with HTX_LANG=en (as for htx)
EN     := $(filter en,$(HTX_LANG))
# the sample province built from three communes, built beside the default unit only
ifeq ($(origin UNIT),file)
ROLLUP ?= data/lang-son-mau
endif

.DEFAULT_GOAL := help
.PHONY: help setup report batch validate texts map template export test test-fast lint format lab shell codebook clean

help: ## Xem danh sách lệnh này | Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -v side=$(if $(EN),2,1) \
		'BEGIN {FS = ":.*?## "}; {split($$2, t, " [|] "); printf "  make %-10s %s\n", $$1, t[side]}'

# one line per step; the build backend's notes on an editable install are no news to a user
$(STAMP): pyproject.toml
	@echo "$(if $(EN),htx setup 1/4: creating .venv,htx cài đặt 1/4: tạo môi trường .venv)"
	@$(PYTHON) -m venv $(VENV)
	@echo "$(if $(EN),htx setup 2/4: updating pip,htx cài đặt 2/4: cập nhật pip)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "$(if $(EN),htx setup 3/4: installing the toolkit and its libraries (a few minutes),htx cài đặt 3/4: cài bộ công cụ và các thư viện (vài phút))"
	@PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-compile -e '.[dev]'
	@# compiled here, on every core at once (pip compiles one file after the other), the
	@# libraries and the toolkit: where Python may not write bytecode (PYTHONDONTWRITEBYTECODE,
	@# a read-only checkout), each of a report's processes would compile them again. A file
	@# that is not Python 3 (a template named .py) is skipped, as pip skips it.
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib htxlib >/dev/null || true
	@echo "$(if $(EN),htx setup 4/4: installing the Jupyter kernel '$(KERNEL)',htx cài đặt 4/4: cài kernel Jupyter '$(KERNEL)')"
	@$(BIN)/python -c "from htxlib.report.publishing.kernel_setup import install_kernel; install_kernel('$(KERNEL)')"
	@touch $(STAMP)
	@echo "$(if $(EN),htx setup: done,htx cài đặt: xong)"

setup: $(STAMP) ## Tạo .venv, cài bộ công cụ và các thư viện cần dùng | Create .venv and install the toolkit with its dependencies

report: $(STAMP) ## Lập văn bản kế hoạch (HTML, Word) và phụ lục phân tích (UNIT=..., YEAR=...) | Build the plan document (HTML, Word) and the analyst annex (UNIT=..., YEAR=...)
	@$(BIN)/htx report --data $(UNIT) --year $(YEAR) --out reports
	@$(if $(ROLLUP),$(BIN)/htx report --data $(ROLLUP) --year $(YEAR) --out reports)

batch: $(STAMP) ## Lập báo cáo cho mọi đơn vị trong một thư mục, kể cả tổng hợp (DATA=..., YEAR=...) | Build every unit folder under a folder, roll-ups included (DATA=..., YEAR=...)
	@$(BIN)/htx batch --data $(or $(DATA),data) --year $(YEAR) --out reports

validate: $(STAMP) ## Kiểm tra số liệu và nội dung của một đơn vị (UNIT=..., YEAR=... nếu cần) | Check a unit folder and its analyst texts (UNIT=..., YEAR=... if needed)
	$(BIN)/htx validate --data $(UNIT) $(if $(filter-out file,$(origin YEAR)),--year $(YEAR))

map: $(STAMP) ## Tìm mã xã, tỉnh theo tên (NAME="thuong lam", PROVINCE=... nếu cần) | Look up a commune or province code by name (NAME="thuong lam", PROVINCE=... if needed)
	@$(if $(NAME)$(PROVINCE),,echo "$(if $(EN),give NAME=\"commune name\" or PROVINCE=..., hãy ghi NAME=\"tên xã\" hoặc PROVINCE=...)" >&2; exit 2)
	@$(BIN)/htx map $(if $(PROVINCE),--province "$(PROVINCE)") $(if $(NAME),"$(NAME)")

template: $(STAMP) ## Tạo sổ Excel nhập số liệu cho một xã, tỉnh (CODE=mã, YEAR=..., OUT=tệp.xlsx) | Write the input workbook of a commune or province (CODE=code, YEAR=..., OUT=file.xlsx)
	@$(if $(CODE),,echo "$(if $(EN),give CODE=... (find it with make map NAME=...),hãy ghi CODE=mã đơn vị (tìm bằng make map NAME=...))" >&2; exit 2)
	@$(BIN)/htx template --unit $(CODE) --year $(YEAR) --out $(or $(OUT),$(CODE).xlsx)

export: $(STAMP) ## Xuất các bảng số liệu của báo cáo ra CSV và Excel (UNIT=..., YEAR=...) | Export the report's figures as CSV and Excel (UNIT=..., YEAR=...)
	@$(BIN)/htx export --data $(UNIT) --year $(YEAR) --out reports

texts: $(STAMP) ## Tạo các tệp nội dung của cán bộ cho một năm, có hướng dẫn (UNIT=units/..., YEAR=...) | Create a year's analyst text files with guidance (UNIT=units/..., YEAR=...)
	$(BIN)/htx texts --data $(UNIT) --year $(YEAR)

test: $(STAMP) ## Kiểm tra mã nguồn rồi chạy bộ kiểm thử (pytest và nbval) | Lint, then run the test suite (pytest and nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n auto --dist loadfile

test-fast: $(STAMP) ## Chạy phần kiểm thử nhanh (không lập báo cáo, không chạy tiến trình), khi đang sửa mã | Run the quick tests only (no report, server or process started), while developing
	$(BIN)/pytest -n auto --dist loadfile -m "not slow" tests

lint: $(STAMP) ## Kiểm tra và định dạng mã nguồn bằng ruff | Lint and format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP) ## Mở sổ hướng dẫn trong JupyterLab (giao diện tiếng Việt; kernel htx) | Open the tour in JupyterLab (Vietnamese interface; htx kernel)
	$(BIN)/python -m htxlib.lab

shell: $(STAMP) ## Mở cửa sổ lệnh gõ được ngay `htx` và `jupyter` | Start a shell where `htx` and `jupyter` are on the PATH
	@echo "$(if $(EN),htx: .venv is active; type exit to leave,htx: đã bật .venv; gõ exit để thoát)"
	@PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $${SHELL:-/bin/sh}

codebook: $(STAMP) ## Tạo lại data/README.vi.md và data/README.md từ htxlib/data/codebook/ | Regenerate data/README.vi.md and data/README.md from htxlib/data/codebook/
	$(BIN)/htx codebook --output data/README.vi.md
	$(BIN)/htx --lang en codebook --output data/README.md

clean: ## Xóa môi trường .venv và các báo cáo đã lập | Remove the virtual environment and generated reports
	rm -rf $(VENV) reports/*/ reports/index.html .pytest_cache .ruff_cache
