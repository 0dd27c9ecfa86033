// A small table with a partial dependency (course_id → course_title) and rows that hold it: the engine tests'
// shared example for a split.
export const ENROLLMENTS = `CREATE TABLE enrollments (
  student_id INTEGER NOT NULL,
  course_id VARCHAR(10) NOT NULL,
  course_title VARCHAR(100),
  grade CHAR(2),
  PRIMARY KEY (student_id, course_id)
);
INSERT INTO enrollments VALUES (1, 'db1', 'Databases', 'A'), (1, 'os1', 'Systems', 'B'), (2, 'db1', 'Databases', 'B'), (2, 'os1', 'Systems', 'A'), (3, 'db1', 'Databases', 'C');
`;
