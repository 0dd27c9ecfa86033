-- An example schema with the classic normalization problems normlint finds.
-- Try: node dist/cli.js check examples/     (exit code 1 = findings were reported)

CREATE TABLE departments (
    dept_id    INTEGER PRIMARY KEY,
    dept_name  VARCHAR(100) NOT NULL
);

CREATE TABLE employees (
    emp_id     INTEGER PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    dept_id    INTEGER REFERENCES departments (dept_id),
    dept_name  VARCHAR(100),            -- a copy of departments.dept_name
    phone1     VARCHAR(20),
    phone2     VARCHAR(20),
    skills     VARCHAR(255)             -- 'sql,python,go'
);

CREATE TABLE enrollments (
    student_id    INTEGER,
    course_id     VARCHAR(10),
    course_title  VARCHAR(100),
    grade         CHAR(2),
    PRIMARY KEY (student_id, course_id)
);
